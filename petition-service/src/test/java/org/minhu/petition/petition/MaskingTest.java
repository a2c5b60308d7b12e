package org.minhu.petition.petition;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minhu.common.privacy.PersonalData;
import org.minhu.petition.catalogue.Catalogue;
import org.minhu.petition.catalogue.Category;
import org.minhu.petition.catalogue.Region;

/**
 * What an auditor sees of a petitioner, with no database: {@link Masking} of the contact's name and
 * phone, and the masked view {@link PetitionMapper} builds (no address or coordinates; e-mails,
 * phones and street addresses typed into the texts masked by {@link PersonalData}).
 */
class MaskingTest {

    @Test
    void aChineseNameKeepsItsSurnameCharacterOnly() {
        assertThat(Masking.name("王小明")).isEqualTo("王**");
        assertThat(Masking.name("李娜")).isEqualTo("李*");
    }

    @Test
    void aLongNameShowsAtMostThreeStarsSoItsLengthIsNotTold() {
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.name("阿卜杜热西提·买买提")).isEqualTo("阿***");
    }

    @Test
    void aOneCharacterNameStillGetsAStar() {
        // the one character stays visible: a surname alone is what the rule shows of any name
        assertThat(Masking.name("王")).isEqualTo("王*");
    }

    @Test
    void aNonChineseNameKeepsItsFirstLetterOnly() {
        assertThat(Masking.name("John Smith")).isEqualTo("J***");
        assertThat(Masking.name("Bo")).isEqualTo("B*");
        assertThat(Masking.name("Ömer Çelik")).isEqualTo("Ö***");
    }

    @Test
    void aNameStartingOutsideTheBasicPlaneKeepsTheWholeCharacter() {
        // U+20BB7 (𠮷) is two UTF-16 units: never cut in half
        assertThat(Masking.name("𠮷野家")).isEqualTo("𠮷**");
        assertThat(Masking.name("𠮷")).isEqualTo("𠮷*");
    }

    @Test
    void noNameStaysNoName() {
        assertThat(Masking.name(null)).isNull();
        assertThat(Masking.name("")).isEmpty();
        assertThat(Masking.name("   ")).isEqualTo("   ");
    }

    @Test
    void aMobileNumberKeepsItsFirstThreeAndLastFourDigits() {
        assertThat(Masking.phone("13812341234")).isEqualTo("138****1234");
        assertThat(Masking.phone("138-1234-1234")).isEqualTo("138****1234");
        assertThat(Masking.phone("138 1234 1234")).isEqualTo("138****1234");
    }

    @Test
    void aLandlineKeepsItsFirstThreeAndLastFourDigitsAndLosesItsSeparators() {
        assertThat(Masking.phone("023-12345678")).isEqualTo("023****5678");
        assertThat(Masking.phone("(023)6234567")).isEqualTo("023***4567");
    }

    @Test
    void anInternationalNumberIsMaskedOnItsDigitsCountryCodeIncluded() {
        assertThat(Masking.phone("+86 138 1234 1234")).isEqualTo("861******1234");
        assertThat(Masking.phone("+44 20 7946 0958")).isEqualTo("442*****0958");
        assertThat(Masking.phone("+1 (212) 555-0123")).isEqualTo("121****0123");
    }

    @Test
    void aNumberOfFewerThanEightDigitsIsMaskedEntirely() {
        assertThat(Masking.phone("1234567")).isEqualTo("*******");
        assertThat(Masking.phone("12345")).isEqualTo("*****");
        assertThat(Masking.phone("12345678")).isEqualTo("123*5678");
    }

    @Test
    void noPhoneOrOneWithoutDigitsShowsNoDigit() {
        assertThat(Masking.phone(null)).isNull();
        assertThat(Masking.phone("")).isEmpty();
        assertThat(Masking.phone("none")).isEmpty();
    }

    /** A catalogue that knows no category or region: the codes are shown without names. */
    private static final Catalogue EMPTY_CATALOGUE = new Catalogue() {
        @Override
        public Optional<Category> category(String code) {
            return Optional.empty();
        }

        @Override
        public Optional<Region> region(String code) {
            return Optional.empty();
        }
    };

    private static Petition petition() {
        Petition p = new Petition();
        p.id = UUID.randomUUID();
        p.trackingNumber = "CQ-20261124-000123";
        p.status = PetitionStatus.ANSWERED;
        p.title = "楼下噪音 请回电13812341234";
        p.description = "邮箱 wang.xm@example.com，住南坪西路18号3栋2单元501室";
        p.reply = "已联系 wang.xm@example.com";
        p.categoryCode = "noise";
        p.regionCode = "500108";
        p.townCode = "500108001";
        p.latitude = new BigDecimal("29.5330");
        p.longitude = new BigDecimal("106.5690");
        p.address = "南坪西路18号3栋2单元501室";
        p.channel = Channel.APP;
        p.contactName = "王小明";
        p.contactPhone = "13812341234";
        p.submittedAt = Instant.parse("2026-11-24T02:00:00Z");
        p.updatedAt = p.submittedAt;
        return p;
    }

    @Test
    void theAuditorsViewHasTheContactMaskedAndNoAddressOrCoordinates() {
        PetitionViews.PetitionView view = new PetitionMapper(EMPTY_CATALOGUE).toView(petition(), List.of(), true);
        assertThat(view.contact()).isEqualTo(new PetitionViews.ContactView("王**", "138****1234", false));
        assertThat(view.location()).isEqualTo(new PetitionViews.LocationView(null, null, null));
        assertThat(view.region().code()).isEqualTo("500108");
        assertThat(view.town().code()).isEqualTo("500108001");
    }

    @Test
    void theAuditorsViewMasksEMailsPhonesAndAddressesTypedIntoTheTexts() {
        PetitionViews.PetitionView view = new PetitionMapper(EMPTY_CATALOGUE).toView(petition(), List.of(), true);
        assertThat(view.title()).isEqualTo("楼下噪音 请回电138****1234");
        assertThat(view.description()).doesNotContain("wang.xm@", "18号", "501").contains("w***@example.com", PersonalData.ADDRESS);
        assertThat(view.reply()).isEqualTo("已联系 w***@example.com");
        assertThat(new PetitionMapper(EMPTY_CATALOGUE).toSummary(petition(), true).title()).isEqualTo("楼下噪音 请回电138****1234");
    }

    @Test
    void thePetitionersOwnViewIsNotMasked() {
        Petition p = petition();
        PetitionViews.PetitionView view = new PetitionMapper(EMPTY_CATALOGUE).toView(p, List.of(), false);
        assertThat(view.contact()).isEqualTo(new PetitionViews.ContactView("王小明", "13812341234", false));
        assertThat(view.location().address()).isEqualTo(p.address);
        assertThat(view.description()).isEqualTo(p.description);
    }
}
