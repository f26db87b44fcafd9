import { Migration } from '@mikro-orm/migrations';

export class Migration20261122003131_provisions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "provision_record" ("id" uuid not null, "created_at" timestamptz not null, "ticket_id" uuid not null, "subject_user_id" uuid not null, "dealer_id" uuid not null, "recipient_user_id" uuid not null, "purpose" varchar(30) not null, "fields" jsonb not null, "request_id" varchar(64) null, constraint "provision_record_pkey" primary key ("id"));`);
    this.addSql(`create index "provision_record_ticket_id_index" on "provision_record" ("ticket_id");`);
    this.addSql(`create index "provision_record_subject_user_id_index" on "provision_record" ("subject_user_id");`);
    this.addSql(`create index "provision_record_dealer_id_index" on "provision_record" ("dealer_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "provision_record" cascade;`);
  }

}
