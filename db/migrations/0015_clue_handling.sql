CREATE TABLE "clue_links" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clue_links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_code" text NOT NULL,
	"clue_id" integer NOT NULL,
	"inspection_id" integer,
	"ledger_item_id" integer,
	"linked_by" integer,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "clue_links_one_record" CHECK (("clue_links"."inspection_id" IS NULL) <> ("clue_links"."ledger_item_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "clue_reporters" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "clues" ADD COLUMN "anonymous" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "clues" ADD COLUMN "received_by" integer;--> statement-breakpoint
ALTER TABLE "clues" ADD COLUMN "assigned_team_id" integer;--> statement-breakpoint
ALTER TABLE "clues" ADD COLUMN "assigned_staff_id" integer;--> statement-breakpoint
ALTER TABLE "clues" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clues" ADD COLUMN "finding" text;--> statement-breakpoint
ALTER TABLE "clues" ADD COLUMN "concluded_by" integer;--> statement-breakpoint
ALTER TABLE "clues" ADD COLUMN "reply" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "clue_handler" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "clue_links" ADD CONSTRAINT "clue_links_clue_id_clues_id_fk" FOREIGN KEY ("clue_id") REFERENCES "public"."clues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_links" ADD CONSTRAINT "clue_links_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_links" ADD CONSTRAINT "clue_links_ledger_item_id_ledger_items_id_fk" FOREIGN KEY ("ledger_item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_links" ADD CONSTRAINT "clue_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clue_links_clue" ON "clue_links" USING btree ("clue_id");--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_received_by_users_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_assigned_team_id_teams_id_fk" FOREIGN KEY ("assigned_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_assigned_staff_id_staff_id_fk" FOREIGN KEY ("assigned_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_concluded_by_users_id_fk" FOREIGN KEY ("concluded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;