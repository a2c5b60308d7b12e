package org.minhu.petition.similar;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Plain JUnit: the text similarity, the strict title masking and the shown distance. */
class TextSimilarityTest {

    @Test
    void twoWordingsOfOneChineseComplaintAreAlikeAndAnotherComplaintIsNot() {
        String filed = "南坪片区夜间停车难，希望增设停车位";
        assertThat(TextSimilarity.dice(filed, "南坪夜里停车太难了，求增加车位")).isGreaterThanOrEqualTo(0.2);
        assertThat(TextSimilarity.dice(filed, "南坪小区垃圾清运不及时，夜间噪音大")).isLessThan(0.2);
        assertThat(TextSimilarity.dice(filed, "关坝镇卫生院降压药不足")).isZero();
        assertThat(TextSimilarity.dice(filed, filed)).isEqualTo(1.0);
    }

    @Test
    void punctuationSeparatesRunsAndLatinIsCaseBlind() {
        assertThat(TextSimilarity.bigrams("停车，难")).containsExactlyInAnyOrder("停车", "难");
        assertThat(TextSimilarity.dice("Parking", "parking")).isEqualTo(1.0);
        assertThat(TextSimilarity.dice("", "停车")).isZero();
        assertThat(TextSimilarity.dice(null, "停车")).isZero();
    }

    @Test
    void aMaskedNumberKeepsNoDigit() {
        assertThat(SimilarRequests.maskStrictly("请回电13812345678")).isEqualTo("请回电***********");
        assertThat(SimilarRequests.maskStrictly("身份证50010319900101123X")).doesNotContainPattern("[0-9]");
        assertThat(SimilarRequests.maskStrictly("12345热线说5号线")).isEqualTo("12345热线说5号线");
        assertThat(SimilarRequests.maskStrictly(null)).isNull();
    }

    @Test
    void distancesAreShownRoundedUpToTheNext100Metres() {
        double metres = SimilarRequests.metres(new BigDecimal("29.5830"), new BigDecimal("106.5970"),
                new BigDecimal("29.5850"), new BigDecimal("106.5980"));
        assertThat(metres).isBetween(230.0, 250.0);
        assertThat(SimilarRequests.roundUp100(0)).isEqualTo(100);
        assertThat(SimilarRequests.roundUp100(240)).isEqualTo(300);
        assertThat(SimilarRequests.roundUp100(300)).isEqualTo(300);
    }

    @Test
    void aPointIsShownOnlyAsTheCentreOfItsGridCellSoMovingTheQueryPointFindsNoMore() {
        assertThat(SimilarRequests.cell(new BigDecimal("29.5830"))).isEqualByComparingTo("29.583");
        assertThat(SimilarRequests.cell(new BigDecimal("29.5839"))).isEqualByComparingTo("29.583");
        assertThat(SimilarRequests.cell(new BigDecimal("29.5841"))).isEqualByComparingTo("29.585");
        // two query points a few metres apart in one cell are the same point to the answer
        BigDecimal lat = SimilarRequests.cell(new BigDecimal("29.5850"));
        BigDecimal lon = SimilarRequests.cell(new BigDecimal("106.5980"));
        double a = SimilarRequests.metres(SimilarRequests.cell(new BigDecimal("29.58201")), SimilarRequests.cell(new BigDecimal("106.59601")), lat, lon);
        double b = SimilarRequests.metres(SimilarRequests.cell(new BigDecimal("29.58399")), SimilarRequests.cell(new BigDecimal("106.59799")), lat, lon);
        assertThat(a).isEqualTo(b);
    }
}
