package com.adaptivestartup.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forecast against figures worked out by hand. */
class ForecastTest {

    private static Forecast.Line line(String amount, String frequency, String quantity, String growth, Integer start) {
        return new Forecast.Line("x", new BigDecimal(amount), frequency, quantity == null ? null : new BigDecimal(quantity),
                growth == null ? null : new BigDecimal(growth), start);
    }

    private static List<String> column(Forecast.Result r, java.util.function.Function<Forecast.Month, BigDecimal> f) {
        return r.months().stream().map(f).map(BigDecimal::toPlainString).toList();
    }

    @Test
    void eachFrequencyIsCountedInTheMonthsItIsPaid() {
        // weekly 12 x 52/12 = 52.00 a month; quarterly 300 in months 1, 4, 7; yearly 1000 in month 1 only;
        // one-time 500 in its start month (3) only.
        Forecast.Result r = Forecast.of(List.of(line("12", "weekly", null, null, null),
                line("300", "quarterly", null, null, null), line("1000", "yearly", null, null, null),
                line("500", "one_time", null, null, 3)), List.of(), 7);
        assertThat(column(r, Forecast.Month::revenue)).containsExactly("1352.00", "52.00", "552.00", "352.00", "52.00",
                "52.00", "352.00");
        assertThat(r.totalRevenue()).isEqualByComparingTo("2764.00");
    }

    @Test
    void quantityGrowsFromTheStartMonthAndCostsShrinkWithNegativeGrowth() {
        // 5 units of 20 from month 2, +50 % a month: 0, 100, 150, 225; a cost of 400 falling 25 % a month:
        // 400, 300, 225, 168.75.
        Forecast.Result r = Forecast.of(List.of(line("20", "monthly", "5", "50", 2)),
                List.of(line("400", "monthly", null, "-25", null)), 4);
        assertThat(column(r, Forecast.Month::revenue)).containsExactly("0.00", "100.00", "150.00", "225.00");
        assertThat(column(r, Forecast.Month::costs)).containsExactly("400.00", "300.00", "225.00", "168.75");
        assertThat(column(r, Forecast.Month::profit)).containsExactly("-400.00", "-200.00", "-75.00", "56.25");
        assertThat(column(r, Forecast.Month::cumulative)).containsExactly("-400.00", "-600.00", "-675.00", "-618.75");
        assertThat(r.breakEvenMonth()).as("never back above zero").isNull();
    }

    @Test
    void breakEvenIsTheMonthFromWhichTheCumulativeResultStaysAboveZero() {
        // Revenue 100 a month; a yearly cost of 150 in months 1 and 13: cumulative -50, 50, ..., 1050 (month 12),
        // then 1000 in month 13: break-even in month 2 holds, the dip stays above zero.
        Forecast.Result r = Forecast.of(List.of(line("100", "monthly", null, null, null)),
                List.of(line("150", "yearly", null, null, null)), 13);
        assertThat(r.breakEvenMonth()).isEqualTo(2);
        assertThat(r.months().get(11).cumulative()).isEqualByComparingTo("1050");
        assertThat(r.months().get(12).cumulative()).isEqualByComparingTo("1000");
        // A later cost that takes it below zero again resets it.
        Forecast.Result dip = Forecast.of(List.of(line("100", "monthly", null, null, null)),
                List.of(line("150", "one_time", null, null, 1), line("400", "one_time", null, null, 3)), 6);
        assertThat(column(dip, Forecast.Month::cumulative)).containsExactly("-50.00", "50.00", "-250.00", "-150.00",
                "-50.00", "50.00");
        assertThat(dip.breakEvenMonth()).isEqualTo(6);
    }

    @Test
    void nothingToForecastGivesZerosAndNoBreakEven() {
        Forecast.Result r = Forecast.of(List.of(), List.of(), 12);
        assertThat(r.months()).hasSize(12);
        assertThat(r.totalProfit()).isEqualByComparingTo("0");
        assertThat(r.breakEvenMonth()).isNull();
        assertThatThrownBy(() -> Forecast.of(List.of(), List.of(), 37)).hasMessageContaining("1 to 36 months");
    }
}
