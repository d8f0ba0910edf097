-- A least-privilege role and database for Guest Archive on PostgreSQL.
-- Run once as a superuser, with the password given on the command line:
--   psql -v ON_ERROR_STOP=1 -v password="'long-random-password'" -f docs/deploy/postgres-setup.sql
-- The role owns its database and schema (migrations create tables in it) and
-- nothing else: no superuser, no creating databases or roles, and other
-- roles get no access to the schema. tests/integration/chain-setup.test.ts
-- runs this file and then migrates, seeds and works as that role.
CREATE ROLE guest_archive LOGIN PASSWORD :password NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE DATABASE guest_archive OWNER guest_archive ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE guest_archive FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE guest_archive TO guest_archive;
\connect guest_archive
ALTER SCHEMA public OWNER TO guest_archive;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
