-- Release 1.1.0: metrics gain a unit, filled from existing rows by the metric's name, then required.
ALTER TABLE metrics ADD COLUMN unit text;

UPDATE metrics SET unit = CASE
    WHEN name ~* '(revenue|mrr|arr|cost|burn|price|cash)' THEN 'USD'
    WHEN name ~* '(rate|churn|conversion|margin|retention|percent)' THEN 'percent'
    WHEN name ~* '(users|customers|signups|visitors|count|seats|leads)' THEN 'count'
    ELSE 'none'
END;

ALTER TABLE metrics ALTER COLUMN unit SET NOT NULL;
ALTER TABLE metrics ALTER COLUMN unit SET DEFAULT 'none';
ALTER TABLE metrics ADD CONSTRAINT metrics_unit_known CHECK (unit IN ('USD', 'percent', 'count', 'none'));
