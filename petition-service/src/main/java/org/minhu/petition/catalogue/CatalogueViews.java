package org.minhu.petition.catalogue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the catalogue endpoints answer. Every name comes in Chinese and English. */
public final class CatalogueViews {

    private CatalogueViews() {
    }

    @Schema(name = "LocalizedName")
    public record Name(@Schema(examples = "南岸区") String zh, @Schema(examples = "Nan'an District") String en) {
    }

    @Schema(name = "Category")
    public record CategoryView(
            @Schema(examples = "traffic-parking") String code,
            Name name,
            @Schema(examples = "urban") String group,
            Name groupName,
            @Schema(description = "NORMAL; URGENT (2 hours to sign, 1 working day to answer); FAST_TRACK (escalated handling)",
                    examples = "NORMAL") String handling,
            List<String> keywords,
            @Schema(description = "Whether a petitioner may hide their name from the handling unit (contact.hideName); "
                    + "not in disputes and social security, which cannot be handled without knowing who asks")
            boolean nameHideable) {

        static CategoryView of(Category c) {
            List<String> words = c.keywords == null || c.keywords.isBlank() ? List.of()
                    : Arrays.stream(c.keywords.split(",")).map(String::trim).toList();
            return new CategoryView(c.code, new Name(c.nameZh, c.nameEn), c.groupCode,
                    new Name(c.groupZh, c.groupEn), c.handling, words, c.nameHideable);
        }
    }

    @Schema(name = "Region")
    public record RegionView(
            @Schema(examples = "500108") String code,
            Name name,
            @Schema(description = "DISTRICT (district-level region) or TOWN (town or street)", examples = "DISTRICT") String level,
            @Schema(examples = "district") String kind,
            @Schema(description = "The district a town belongs to") String parent,
            @Schema(description = "true for a national GB/T 2260 code, false for a platform-local code") boolean officialCode) {

        static RegionView of(Region r) {
            return new RegionView(r.code, new Name(r.nameZh, r.nameEn), r.level, r.kind, r.parentCode, r.officialCode);
        }
    }

    /** The short form embedded in a petition. */
    @Schema(name = "CatalogueRef")
    public record Ref(String code, Name name) {

        public static Ref of(Category c) {
            return new Ref(c.code, new Name(c.nameZh, c.nameEn));
        }

        public static Ref of(Region r) {
            return r == null ? null : new Ref(r.code, new Name(r.nameZh, r.nameEn));
        }
    }
}
