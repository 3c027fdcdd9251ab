-- The role the api and the worker log in as. It owns nothing: the `migrate` service (the
-- schema's owner, vjs) grants it DML on the app's tables and only INSERT and SELECT on the
-- audit tables. Replace the password for anything but a local trial.
CREATE ROLE vjs_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'vjs_app';
