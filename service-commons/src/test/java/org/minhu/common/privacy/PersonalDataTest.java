package org.minhu.common.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an auditor and an export see of personal data typed into free text, and what is left alone. */
class PersonalDataTest {

    @Test
    void mobileNumbersKeepTheirFirstThreeAndLastFourDigitsHoweverTheyAreWritten() {
        assertThat(PersonalData.mask("电话13812341234")).isEqualTo("电话138****1234");
        assertThat(PersonalData.mask("call 138 1234 5678 now")).isEqualTo("call 138****5678 now");
        assertThat(PersonalData.mask("+86 139-0000-1111")).isEqualTo("139****1111");
        assertThat(PersonalData.mask("008613700002222")).isEqualTo("137****2222");
    }

    @Test
    void landlinesKeepTheAreaCodeAndTheLastFourDigits() {
        assertThat(PersonalData.mask("023-62345678")).isEqualTo("023-****5678");
        assertThat(PersonalData.mask("(023)62345678")).isEqualTo("023-****5678");
        assertThat(PersonalData.mask("本地 62345678")).isEqualTo("本地 ****5678");
    }

    @Test
    void idNumbersEMailsAndStreetAddressesAreMasked() {
        assertThat(PersonalData.mask("身份证50010819900101123X")).isEqualTo("身份证**************123X");
        assertThat(PersonalData.mask("mail wang.xm@example.com please")).isEqualTo("mail w***@example.com please");
        assertThat(PersonalData.mask("地址：南坪西路18号3栋2单元501室")).isEqualTo("地址：" + PersonalData.ADDRESS);
        assertThat(PersonalData.mask("3栋2单元501")).isEqualTo(PersonalData.ADDRESS);
        assertThat(PersonalData.mask("lives at 123 Main Street, Springfield")).isEqualTo("lives at [address], Springfield");
    }

    @Test
    void shortNumbersTrackingNumbersAndSinglePartsAreLeftAlone() {
        for (String plain : new String[] {
                "拨打12345热线", "金额3000元", "CQ-20261124-000123", "在3楼", "地铁5号线", "桥下空地", "2026年11月24日", ""}) {
            assertThat(PersonalData.mask(plain)).as(plain).isEqualTo(plain);
            assertThat(PersonalData.contains(plain)).as(plain).isFalse();
        }
        assertThat(PersonalData.mask(null)).isNull();
    }

    @Test
    void aSearchProbesForPersonalDataWhenItHoldsSomeAnAtSignOrFiveDigitsInARow() {
        assertThat(PersonalData.probes("13812341234")).isTrue();
        assertThat(PersonalData.probes("1381")).isFalse();
        assertThat(PersonalData.probes("13812")).isTrue();
        assertThat(PersonalData.probes("138-12")).isTrue();
        assertThat(PersonalData.probes("@example")).isTrue();
        assertThat(PersonalData.probes("降压药")).isFalse();
        assertThat(PersonalData.probes(null)).isFalse();
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAsAFormulaGetAQuoteInFront() {
        for (String formula : new String[] {"=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"}) {
            assertThat(CsvCells.neutralise(formula)).as(formula).isEqualTo("'" + formula);
        }
        assertThat(CsvCells.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvCells.neutralise("a=b")).isEqualTo("a=b");
        assertThat(CsvCells.cell("西彭镇人民政府")).isEqualTo("西彭镇人民政府");
        assertThat(CsvCells.cell(42)).isEqualTo("42");
    }

    @Test
    void csvCellsWithACommaQuoteOrLineBreakAreQuotedAndNullIsEmpty() {
        assertThat(CsvCells.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCells.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.cell("line1\nline2")).isEqualTo("\"line1\nline2\"");
        assertThat(CsvCells.cell("x\r\ny")).isEqualTo("\"x\r\ny\"");
        assertThat(CsvCells.cell(null)).isEmpty();
        assertThat(CsvCells.cell("")).isEmpty();
    }

    @Test
    void strictMaskingKeepsNoDigitOfAMaskedNumberButLeavesOtherNumbersAlone() {
        assertThat(PersonalData.maskStrictly("请回电13812345678")).isEqualTo("请回电***********");
        assertThat(PersonalData.maskStrictly("身份证50010319900101123X")).doesNotContainPattern("[0-9]");
        assertThat(PersonalData.maskStrictly("12345热线说5号线停运")).isEqualTo("12345热线说5号线停运");
        assertThat(PersonalData.maskStrictly(null)).isNull();
    }
}
