-- Which engine runs a training run or a scoring job: the trainers' workers ('trainer'), or a Spark
-- application ('spark'). The trainers' workers never claim a Spark run's tasks (the application
-- marks them itself as each scope ends) nor a Spark job's rows chunk (the application holds it);
-- they do claim a Spark job's commit chunk, which ends its output as for any job.
ALTER TABLE training_runs ADD COLUMN engine text NOT NULL DEFAULT 'trainer'
    CHECK (engine IN ('trainer', 'spark'));
ALTER TABLE scoring_jobs ADD COLUMN engine text NOT NULL DEFAULT 'trainer'
    CHECK (engine IN ('trainer', 'spark'));
