ALTER TABLE "photos" ADD COLUMN "marked" "bytea";--> statement-breakpoint
ALTER TABLE "photos" ADD COLUMN "ledger_item_id" integer;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_ledger_item_id_ledger_items_id_fk" FOREIGN KEY ("ledger_item_id") REFERENCES "public"."ledger_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "photos_ledger_item" ON "photos" USING btree ("ledger_item_id");