ALTER TABLE "risk_report_hops" ADD COLUMN "acknowledged_by" integer;--> statement-breakpoint
ALTER TABLE "risk_report_hops" ADD COLUMN "timed_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "risk_reports" ADD COLUMN "source" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "risk_reports" ADD COLUMN "handling" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "risk_reports" ADD COLUMN "closed_by" integer;--> statement-breakpoint
ALTER TABLE "risk_reports" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "photos" ADD COLUMN "risk_report_id" integer;--> statement-breakpoint
ALTER TABLE "risk_report_hops" ADD CONSTRAINT "risk_report_hops_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_reports" ADD CONSTRAINT "risk_reports_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_risk_report_id_risk_reports_id_fk" FOREIGN KEY ("risk_report_id") REFERENCES "public"."risk_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A resolved report is a closed one (one word for the concept, as for ledger items).
UPDATE "risk_reports" SET "status" = 'closed', "closed_at" = "resolved_at" WHERE "status" = 'resolved';