package com.adaptivestartup.server.workspace;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A month-by-month forecast from a venture's revenue streams and costs, on a cash basis: a line is counted in the
 * months it is paid (weekly: 52/12 times a month; quarterly and yearly: in its first month and every 3 or 12
 * after; one-time: its first month only). A line starts in {@code startMonth} (1 = the first month shown) with
 * {@code quantity} units (a cost: one) and grows by {@code monthlyGrowthPct} each month after.
 */
public final class Forecast {
    public static final int MAX_MONTHS = 36;
    public static final String[] FREQUENCIES = {"one_time", "weekly", "monthly", "quarterly", "yearly"};
    private static final MathContext MATH = MathContext.DECIMAL64;
    private static final BigDecimal WEEKS_A_MONTH = BigDecimal.valueOf(52).divide(BigDecimal.valueOf(12), MATH);

    private Forecast() {
    }

    /** One revenue stream or cost. */
    public record Line(String name, BigDecimal amount, String frequency, BigDecimal quantity, BigDecimal monthlyGrowthPct,
                       Integer startMonth) {
        BigDecimal in(int month) {
            int start = startMonth == null ? 1 : startMonth;
            if (month < start || !paidIn(month - start)) {
                return BigDecimal.ZERO;
            }
            BigDecimal growth = BigDecimal.ONE.add(monthlyGrowthPct == null ? BigDecimal.ZERO
                    : monthlyGrowthPct.divide(BigDecimal.valueOf(100), MATH));
            BigDecimal units = (quantity == null ? BigDecimal.ONE : quantity).multiply(growth.pow(month - start, MATH), MATH);
            BigDecimal paid = amount.multiply(units, MATH);
            return "weekly".equals(frequency) ? paid.multiply(WEEKS_A_MONTH, MATH) : paid;
        }

        private boolean paidIn(int monthsSinceStart) {
            return switch (frequency) {
                case "one_time" -> monthsSinceStart == 0;
                case "quarterly" -> monthsSinceStart % 3 == 0;
                case "yearly" -> monthsSinceStart % 12 == 0;
                default -> true;
            };
        }
    }

    public record Month(int month, BigDecimal revenue, BigDecimal costs, BigDecimal profit, BigDecimal cumulative) {
    }

    /**
     * @param breakEvenMonth the first month from which the cumulative result is never below zero again, or null
     */
    public record Result(List<Month> months, BigDecimal totalRevenue, BigDecimal totalCosts, BigDecimal totalProfit,
                         Integer breakEvenMonth) {
    }

    public static Result of(List<Line> revenue, List<Line> costs, int months) {
        if (months < 1 || months > MAX_MONTHS) {
            throw new IllegalArgumentException("a forecast covers 1 to " + MAX_MONTHS + " months");
        }
        List<Month> out = new ArrayList<>();
        BigDecimal cumulative = BigDecimal.ZERO;
        BigDecimal totalRevenue = BigDecimal.ZERO;
        BigDecimal totalCosts = BigDecimal.ZERO;
        Integer breakEven = null;
        for (int m = 1; m <= months; m++) {
            final int month = m;
            BigDecimal in = revenue.stream().map(l -> l.in(month)).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal spent = costs.stream().map(l -> l.in(month)).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal profit = in.subtract(spent);
            cumulative = cumulative.add(profit);
            totalRevenue = totalRevenue.add(in);
            totalCosts = totalCosts.add(spent);
            if (cumulative.signum() < 0) {
                breakEven = null;
            } else if (breakEven == null && (in.signum() > 0 || spent.signum() > 0)) {
                breakEven = m;
            }
            out.add(new Month(m, cents(in), cents(spent), cents(profit), cents(cumulative)));
        }
        return new Result(out, cents(totalRevenue), cents(totalCosts), cents(totalRevenue.subtract(totalCosts)), breakEven);
    }

    private static BigDecimal cents(BigDecimal n) {
        return n.setScale(2, RoundingMode.HALF_UP);
    }
}
