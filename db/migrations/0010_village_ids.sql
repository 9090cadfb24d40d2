-- The glossary's word: a grid is a set of villages (never "units"). Drafts keep their grids as
-- JSON; each grid's unitIds become villageIds, order and all else kept.
ALTER TABLE "boundary_snapshots" RENAME COLUMN "unit_ids" TO "village_ids";--> statement-breakpoint
UPDATE "boundary_drafts" SET "grids" = (
  SELECT coalesce(jsonb_agg((g - 'unitIds') || jsonb_build_object('villageIds', g -> 'unitIds') ORDER BY position), '[]'::jsonb)
  FROM jsonb_array_elements("grids") WITH ORDINALITY AS e(g, position)
) WHERE jsonb_typeof("grids") = 'array';
