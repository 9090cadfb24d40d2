-- PostGIS first: every later migration uses its types. On a server the role needs the right
-- to create extensions; openDatabase() checks availability beforehand and explains how to install it.
CREATE EXTENSION IF NOT EXISTS postgis;
