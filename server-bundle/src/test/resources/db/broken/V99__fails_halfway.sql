-- A migration that fails after doing some work: it must leave no trace.
CREATE TABLE half_done (id int);
INSERT INTO half_done VALUES (1);
UPDATE metrics SET value = value * 1000;
SELECT no_such_function();
