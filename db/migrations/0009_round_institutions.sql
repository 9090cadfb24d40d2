-- The glossary's word: a round (巡查轮次) is a team's institutions for a month of its rotation.
ALTER TABLE "rotation_institutions" RENAME TO "round_institutions";--> statement-breakpoint
ALTER TABLE "round_institutions" RENAME CONSTRAINT "rotation_institutions_rotation_id_institution_id_pk" TO "round_institutions_rotation_id_institution_id_pk";--> statement-breakpoint
ALTER TABLE "round_institutions" RENAME CONSTRAINT "rotation_institutions_rotation_id_rotations_id_fk" TO "round_institutions_rotation_id_rotations_id_fk";--> statement-breakpoint
ALTER INDEX "rotation_institutions_month_institution" RENAME TO "round_institutions_month_institution";
