import { Migration } from '@mikro-orm/migrations';

export class Migration20261122045802_gifts_addresses_orders extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "address" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "sealed" text not null, "is_default" boolean not null default false, "updated_at" timestamptz null, constraint "address_pkey" primary key ("id"));`);
    this.addSql(`create index "address_user_id_id_index" on "address" ("user_id", "id");`);

    this.addSql(`create table "gift_stock_change" ("id" uuid not null, "created_at" timestamptz not null, "gift_id" uuid not null, "delta" int not null, "stock_after" int not null, "reason" varchar(40) not null, "reference" varchar(120) null, "note" varchar(200) null, "actor_id" uuid null, constraint "gift_stock_change_pkey" primary key ("id"));`);
    this.addSql(`create index "gift_stock_change_gift_id_id_index" on "gift_stock_change" ("gift_id", "id");`);
    this.addSql(`alter table "gift_stock_change" add constraint "gift_stock_change_reason_reference_unique" unique ("reason", "reference");`);

    this.addSql(`create table "redemption_order" ("id" uuid not null, "created_at" timestamptz not null, "number" varchar(20) not null, "user_id" uuid not null, "gift_id" uuid not null, "gift_name" varchar(60) not null, "quantity" int not null, "points_total" int not null, "value_yuan_total" int not null, "address_sealed" text not null, "status" varchar(20) not null, "carrier" varchar(20) null, "tracking_no" varchar(40) null, "shipped_at" timestamptz null, "delivered_at" timestamptz null, "cancelled_at" timestamptz null, "cancelled_by" varchar(10) null, "cancelled_by_id" uuid null, "cancel_reason" varchar(200) null, "updated_at" timestamptz null, constraint "redemption_order_pkey" primary key ("id"), constraint redemption_order_quantity_check check (quantity > 0));`);
    this.addSql(`alter table "redemption_order" add constraint "redemption_order_number_unique" unique ("number");`);
    this.addSql(`create index "redemption_order_user_id_id_index" on "redemption_order" ("user_id", "id");`);
    this.addSql(`create index "redemption_order_status_id_index" on "redemption_order" ("status", "id");`);
    this.addSql(`create index "redemption_order_user_id_gift_id_status_index" on "redemption_order" ("user_id", "gift_id", "status");`);
    this.addSql(`create index "redemption_order_user_id_created_at_index" on "redemption_order" ("user_id", "created_at");`);

    this.addSql(`alter table "gift" add column "image_ids" jsonb null, add column "active_from" timestamptz null, add column "active_until" timestamptz null, add column "updated_at" timestamptz null;`);

    this.addSql(`alter table "stored_file" add column "gift_id" uuid null;`);
    this.addSql(`create index "stored_file_gift_id_index" on "stored_file" ("gift_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "address" cascade;`);

    this.addSql(`drop table if exists "gift_stock_change" cascade;`);

    this.addSql(`drop table if exists "redemption_order" cascade;`);

    this.addSql(`alter table "gift" drop column "image_ids", drop column "active_from", drop column "active_until", drop column "updated_at";`);

    this.addSql(`drop index "stored_file_gift_id_index";`);
    this.addSql(`alter table "stored_file" drop column "gift_id";`);
  }

}
