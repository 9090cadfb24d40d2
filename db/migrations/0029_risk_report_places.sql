ALTER TABLE "risk_reports" ADD COLUMN "place" text;--> statement-breakpoint
ALTER TABLE "risk_reports" ADD COLUMN "position" geometry(Point,4326);