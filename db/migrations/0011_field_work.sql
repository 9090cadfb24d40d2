-- Field work (issue 15): verified inspections with arrival and departure, position accuracy,
-- checklist, anomalies and sealed signatures; the ledger's fourth state (awaiting verification),
-- its severities and its transitions, with raiser, rectifier and verifier as users; photos; the
-- answers kept for Idempotency-Key; each county's field settings.
CREATE TABLE "inspection_signatures" (
	"inspection_id" integer NOT NULL,
	"role" text NOT NULL,
	"signer_name" text NOT NULL,
	"signer_user_id" integer,
	"signed_at" timestamp with time zone NOT NULL,
	"content_hash" text NOT NULL,
	"seal" text NOT NULL,
	"image" text NOT NULL,
	CONSTRAINT "inspection_signatures_inspection_id_role_pk" PRIMARY KEY("inspection_id","role")
);
--> statement-breakpoint
CREATE TABLE "ledger_transitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_code" text NOT NULL,
	"ledger_item_id" integer NOT NULL,
	"from_status" text,
	"step" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"made_by" integer NOT NULL,
	"made_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "county_settings" (
	"county_code" text PRIMARY KEY NOT NULL,
	"field" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" integer NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer NOT NULL,
	"response_body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "photos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_code" text NOT NULL,
	"kind" text NOT NULL,
	"institution_id" integer NOT NULL,
	"uploaded_by" integer NOT NULL,
	"source_sha256" text NOT NULL,
	"taken_at" timestamp with time zone,
	"position" geometry(Point,4326),
	"position_accuracy_meters" real,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"image" "bytea" NOT NULL,
	"thumbnail" "bytea" NOT NULL,
	"inspection_id" integer,
	"ledger_transition_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "materials_clerks" (
	"grid_id" integer PRIMARY KEY NOT NULL,
	"staff_id" integer NOT NULL,
	"named_at" timestamp with time zone DEFAULT now() NOT NULL,
	"named_by" integer
);
--> statement-breakpoint
ALTER TABLE "materials_clerks" ADD CONSTRAINT "materials_clerks_grid_id_areas_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "materials_clerks" ADD CONSTRAINT "materials_clerks_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "materials_clerks" ADD CONSTRAINT "materials_clerks_named_by_users_id_fk" FOREIGN KEY ("named_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- An inspection's time is its arrival; its free text is a note (findings are ledger items now).
DROP INDEX "inspections_institution_time";--> statement-breakpoint
DROP INDEX "inspections_county_time";--> statement-breakpoint
ALTER TABLE "inspections" RENAME COLUMN "visited_at" TO "arrived_at";--> statement-breakpoint
ALTER TABLE "inspections" RENAME COLUMN "findings" TO "note";--> statement-breakpoint
ALTER TABLE "inspections" DROP COLUMN "signature";--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "departed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "device_recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "position_accuracy_meters" real;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "distance_meters" integer;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "verification_gaps" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "anomalies" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "checklist" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "content_hash" text;--> statement-breakpoint
-- Ledger items: a severity, the fourth state, and the three people as users. The verifier was a
-- member of staff; it becomes that member's login where there is one.
ALTER TABLE "ledger_items" DROP CONSTRAINT "ledger_items_verified_by_staff_id_fk";--> statement-breakpoint
UPDATE "ledger_items" l SET "verified_by" = (SELECT min(u."id") FROM "users" u WHERE u."staff_id" = l."verified_by") WHERE l."verified_by" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_items" RENAME COLUMN "created_by" TO "raised_by";--> statement-breakpoint
UPDATE "ledger_items" SET "raised_by" = NULL WHERE "raised_by" IS NOT NULL AND "raised_by" NOT IN (SELECT "id" FROM "users");--> statement-breakpoint
ALTER TABLE "ledger_items" ADD COLUMN "severity" text DEFAULT 'general' NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_items" ADD COLUMN "awaiting_verification_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ledger_items" ADD COLUMN "rectified_by" integer;--> statement-breakpoint
UPDATE "ledger_items" SET "source" = 'inspection' WHERE "source" IN ('weekly-visit', 'cross-check', 'special');--> statement-breakpoint
ALTER TABLE "inspection_signatures" ADD CONSTRAINT "inspection_signatures_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_signatures" ADD CONSTRAINT "inspection_signatures_signer_user_id_users_id_fk" FOREIGN KEY ("signer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transitions" ADD CONSTRAINT "ledger_transitions_ledger_item_id_ledger_items_id_fk" FOREIGN KEY ("ledger_item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transitions" ADD CONSTRAINT "ledger_transitions_made_by_users_id_fk" FOREIGN KEY ("made_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_ledger_transition_id_ledger_transitions_id_fk" FOREIGN KEY ("ledger_transition_id") REFERENCES "public"."ledger_transitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_transitions_item" ON "ledger_transitions" USING btree ("ledger_item_id","made_at");--> statement-breakpoint
CREATE INDEX "photos_inspection" ON "photos" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "photos_ledger_transition" ON "photos" USING btree ("ledger_transition_id");--> statement-breakpoint
ALTER TABLE "ledger_items" ADD CONSTRAINT "ledger_items_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_items" ADD CONSTRAINT "ledger_items_rectified_by_users_id_fk" FOREIGN KEY ("rectified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_items" ADD CONSTRAINT "ledger_items_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspections_recorder_time" ON "inspections" USING btree ("recorded_by","arrived_at");--> statement-breakpoint
CREATE INDEX "inspections_institution_time" ON "inspections" USING btree ("institution_id","arrived_at");--> statement-breakpoint
CREATE INDEX "inspections_county_time" ON "inspections" USING btree ("county_code","arrived_at");
