ALTER TABLE "assignments" DROP CONSTRAINT "assignments_target";--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "zone_id" integer;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "area_id" integer;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_zone_id_areas_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_zone" ON "assignments" USING btree ("zone_id");--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_target" CHECK ("assignments"."grid_id" is not null or "assignments"."institution_id" is not null or "assignments"."zone_id" is not null);