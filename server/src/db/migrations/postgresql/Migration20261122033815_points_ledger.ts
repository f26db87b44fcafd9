import { Migration } from '@mikro-orm/migrations';

export class Migration20261122033815_points_ledger extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "points_account" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "balance" int not null default 0, "last_seq" int not null default 0, "updated_at" timestamptz not null, constraint "points_account_pkey" primary key ("id"), constraint points_account_balance_check check (balance >= 0));`);
    this.addSql(`alter table "points_account" add constraint "points_account_user_id_unique" unique ("user_id");`);

    this.addSql(`create table "points_entry" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "delta" int not null, "balance_after" int not null, "seq" int not null, "reason" varchar(40) not null, "reference" varchar(120) null, "idempotency_key" varchar(200) not null, "actor_id" uuid null, "note" varchar(200) null, constraint "points_entry_pkey" primary key ("id"));`);
    this.addSql(`alter table "points_entry" add constraint "points_entry_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "points_entry_user_id_id_index" on "points_entry" ("user_id", "id");`);
    this.addSql(`create index "points_entry_user_id_seq_index" on "points_entry" ("user_id", "seq");`);
    this.addSql(`create index "points_entry_user_id_reason_created_at_index" on "points_entry" ("user_id", "reason", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "points_account" cascade;`);

    this.addSql(`drop table if exists "points_entry" cascade;`);
  }

}
