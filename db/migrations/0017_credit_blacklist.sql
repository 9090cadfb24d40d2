CREATE TABLE "blacklist_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "blacklist_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"county_code" text NOT NULL,
	"institution_id" integer NOT NULL,
	"subject" text NOT NULL,
	"person_name" text,
	"reason" text NOT NULL,
	"basis" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" integer,
	"lift_reason" text
);
--> statement-breakpoint
ALTER TABLE "credit_evaluations" ADD COLUMN "evidence" text;--> statement-breakpoint
ALTER TABLE "credit_evaluations" ADD COLUMN "evaluated_by" integer;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD CONSTRAINT "blacklist_entries_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blacklist_entries_institution" ON "blacklist_entries" USING btree ("institution_id");