-- Class weakness per item uses the side of F1 that concerns the item: 1 - precision for the class the model predicts
-- (how often its "c" is wrong), 1 - recall for the class people gave it (how often it misses a true c). F1 mixes the
-- two, so a class that absorbs another class' errors and a class the model merely misses looked alike. `weakness`
-- stays 1 - F1, for the class report and the weak-class reason. Each follows its estimate in steps, as before.
ALTER TABLE hardness_classes ADD COLUMN weakness_predicted double precision, ADD COLUMN weakness_labeled double precision;
