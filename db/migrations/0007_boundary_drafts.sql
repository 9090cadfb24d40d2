CREATE TABLE "boundary_draft_shapes" (
	"draft_id" integer NOT NULL,
	"key" text NOT NULL,
	"geom" geometry(MultiPolygon,4326),
	"pieces" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "boundary_draft_shapes_draft_id_key_pk" PRIMARY KEY("draft_id","key")
);
--> statement-breakpoint
CREATE TABLE "boundary_drafts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "boundary_drafts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_code" text NOT NULL,
	"name" text NOT NULL,
	"base_version_id" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"grids" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"published_version_id" integer,
	"created_by" integer,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "boundary_snapshots" (
	"version_id" integer NOT NULL,
	"grid_id" integer NOT NULL,
	"zone_id" integer,
	"name" text NOT NULL,
	"geom" geometry(MultiPolygon,4326),
	"unit_ids" integer[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "boundary_snapshots_version_id_grid_id_pk" PRIMARY KEY("version_id","grid_id")
);
--> statement-breakpoint
ALTER TABLE "boundary_draft_shapes" ADD CONSTRAINT "boundary_draft_shapes_draft_id_boundary_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."boundary_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_drafts" ADD CONSTRAINT "boundary_drafts_base_version_id_boundary_versions_id_fk" FOREIGN KEY ("base_version_id") REFERENCES "public"."boundary_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_drafts" ADD CONSTRAINT "boundary_drafts_published_version_id_boundary_versions_id_fk" FOREIGN KEY ("published_version_id") REFERENCES "public"."boundary_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_drafts" ADD CONSTRAINT "boundary_drafts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_drafts" ADD CONSTRAINT "boundary_drafts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_snapshots" ADD CONSTRAINT "boundary_snapshots_version_id_boundary_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."boundary_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_snapshots" ADD CONSTRAINT "boundary_snapshots_grid_id_areas_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boundary_snapshots" ADD CONSTRAINT "boundary_snapshots_zone_id_areas_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "boundary_drafts_county_status" ON "boundary_drafts" USING btree ("county_code","status");