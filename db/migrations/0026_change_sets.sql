CREATE TABLE "change_sets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "change_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"county_code" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"institution_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"areas" boolean DEFAULT false NOT NULL,
	"layout" boolean DEFAULT false NOT NULL,
	"scope" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "change_sets_at" ON "change_sets" USING btree ("at");