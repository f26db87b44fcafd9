import { Migration } from '@mikro-orm/migrations';

export class Migration20261121230948_init extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dealer" ("id" uuid not null, "created_at" timestamptz not null, "name" varchar(100) not null, "contract_ref" varchar(60) not null, "purposes" jsonb not null, "active" boolean not null default true, constraint "dealer_pkey" primary key ("id"));`);
    this.addSql(`alter table "dealer" add constraint "dealer_name_unique" unique ("name");`);

    this.addSql(`create table "equipment_model" ("id" uuid not null, "created_at" timestamptz not null, "name" varchar(60) not null, "category" varchar(30) not null, "manufacturer" varchar(60) not null, constraint "equipment_model_pkey" primary key ("id"));`);
    this.addSql(`alter table "equipment_model" add constraint "equipment_model_name_unique" unique ("name");`);

    this.addSql(`create table "gift" ("id" uuid not null, "created_at" timestamptz not null, "name" varchar(60) not null, "description" varchar(300) not null, "points_price" int not null, "value_yuan" int not null, "stock" int not null, "per_person_limit" int not null default 1, "active" boolean not null default true, constraint "gift_pkey" primary key ("id"), constraint gift_stock_check check (stock >= 0));`);

    this.addSql(`create table "hospital" ("id" uuid not null, "created_at" timestamptz not null, "name" varchar(100) not null, "province" varchar(20) not null, "city" varchar(20) not null, "region_code" varchar(6) not null, "address" varchar(200) not null, "latitude" numeric(9,6) not null, "longitude" numeric(9,6) not null, "service_tier" text check ("service_tier" in ('standard', 'premium')) not null default 'standard', constraint "hospital_pkey" primary key ("id"));`);
    this.addSql(`create index "hospital_region_code_index" on "hospital" ("region_code");`);

    this.addSql(`create table "department" ("id" uuid not null, "created_at" timestamptz not null, "hospital_id" uuid not null, "name" varchar(50) not null, constraint "department_pkey" primary key ("id"));`);
    this.addSql(`create index "department_hospital_id_index" on "department" ("hospital_id");`);
    this.addSql(`alter table "department" add constraint "department_hospital_id_name_unique" unique ("hospital_id", "name");`);

    this.addSql(`create table "equipment_unit" ("id" uuid not null, "created_at" timestamptz not null, "model_id" uuid not null, "serial" varchar(40) not null, "label_code" varchar(80) not null, "hospital_id" uuid not null, "department_id" uuid null, "covered_until" date null, constraint "equipment_unit_pkey" primary key ("id"));`);
    this.addSql(`create index "equipment_unit_model_id_index" on "equipment_unit" ("model_id");`);
    this.addSql(`alter table "equipment_unit" add constraint "equipment_unit_serial_unique" unique ("serial");`);
    this.addSql(`alter table "equipment_unit" add constraint "equipment_unit_label_code_unique" unique ("label_code");`);
    this.addSql(`create index "equipment_unit_hospital_id_index" on "equipment_unit" ("hospital_id");`);
    this.addSql(`create index "equipment_unit_department_id_index" on "equipment_unit" ("department_id");`);

    this.addSql(`create table "library_document" ("id" uuid not null, "created_at" timestamptz not null, "title" varchar(120) not null, "category" varchar(30) not null, "summary" varchar(300) not null, "body" text not null, "published_at" timestamptz null, constraint "library_document_pkey" primary key ("id"));`);
    this.addSql(`create index "library_document_category_index" on "library_document" ("category");`);

    this.addSql(`alter table "department" add constraint "department_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id") on update cascade;`);

    this.addSql(`alter table "equipment_unit" add constraint "equipment_unit_model_id_foreign" foreign key ("model_id") references "equipment_model" ("id") on update cascade;`);
    this.addSql(`alter table "equipment_unit" add constraint "equipment_unit_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id") on update cascade;`);
    this.addSql(`alter table "equipment_unit" add constraint "equipment_unit_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "equipment_unit" drop constraint "equipment_unit_model_id_foreign";`);

    this.addSql(`alter table "department" drop constraint "department_hospital_id_foreign";`);

    this.addSql(`alter table "equipment_unit" drop constraint "equipment_unit_hospital_id_foreign";`);

    this.addSql(`alter table "equipment_unit" drop constraint "equipment_unit_department_id_foreign";`);

    this.addSql(`drop table if exists "dealer" cascade;`);

    this.addSql(`drop table if exists "equipment_model" cascade;`);

    this.addSql(`drop table if exists "gift" cascade;`);

    this.addSql(`drop table if exists "hospital" cascade;`);

    this.addSql(`drop table if exists "department" cascade;`);

    this.addSql(`drop table if exists "equipment_unit" cascade;`);

    this.addSql(`drop table if exists "library_document" cascade;`);
  }

}
