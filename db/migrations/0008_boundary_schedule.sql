ALTER TABLE "boundary_drafts" ADD COLUMN "effective_from" date;--> statement-breakpoint
ALTER TABLE "boundary_drafts" ADD COLUMN "scheduled_by" integer;--> statement-breakpoint
ALTER TABLE "boundary_drafts" ADD COLUMN "schedule_problem" jsonb;--> statement-breakpoint
ALTER TABLE "boundary_drafts" ADD CONSTRAINT "boundary_drafts_scheduled_by_users_id_fk" FOREIGN KEY ("scheduled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;