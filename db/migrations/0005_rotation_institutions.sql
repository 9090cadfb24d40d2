CREATE TABLE "rotation_institutions" (
	"rotation_id" integer NOT NULL,
	"month" date NOT NULL,
	"institution_id" integer NOT NULL,
	"county_code" text NOT NULL,
	CONSTRAINT "rotation_institutions_rotation_id_institution_id_pk" PRIMARY KEY("rotation_id","institution_id")
);
--> statement-breakpoint
ALTER TABLE "rotation_institutions" ADD CONSTRAINT "rotation_institutions_rotation_id_rotations_id_fk" FOREIGN KEY ("rotation_id") REFERENCES "public"."rotations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rotation_institutions_month_institution" ON "rotation_institutions" USING btree ("month","institution_id");