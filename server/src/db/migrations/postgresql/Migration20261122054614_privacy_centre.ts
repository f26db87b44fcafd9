import { Migration } from '@mikro-orm/migrations';

export class Migration20261122054614_privacy_centre extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "pii_access_log" ("id" uuid not null, "created_at" timestamptz not null, "actor_id" uuid null, "subject_user_id" uuid null, "subject_count" int not null default 1, "action" varchar(40) not null, "fields" jsonb not null, "purpose" varchar(100) not null, "request_id" varchar(64) null, constraint "pii_access_log_pkey" primary key ("id"));`);
    this.addSql(`create index "pii_access_log_subject_user_id_id_index" on "pii_access_log" ("subject_user_id", "id");`);
    this.addSql(`create index "pii_access_log_actor_id_id_index" on "pii_access_log" ("actor_id", "id");`);
    this.addSql(`create index "pii_access_log_created_at_index" on "pii_access_log" ("created_at");`);

    this.addSql(`create table "privacy_request" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "type" varchar(20) not null, "status" varchar(20) not null, "details_sealed" text null, "verified_at" timestamptz not null, "due_at" timestamptz not null, "handled_by_id" uuid null, "outcome_sealed" text null, "refusal_reason" varchar(40) null, "closed_at" timestamptz null, "updated_at" timestamptz null, constraint "privacy_request_pkey" primary key ("id"));`);
    this.addSql(`create index "privacy_request_user_id_id_index" on "privacy_request" ("user_id", "id");`);
    this.addSql(`create index "privacy_request_status_due_at_index" on "privacy_request" ("status", "due_at");`);

    this.addSql(`create table "privacy_request_event" ("id" uuid not null, "created_at" timestamptz not null, "request_id" uuid not null, "actor_id" uuid null, "kind" varchar(20) not null, "note_sealed" text null, constraint "privacy_request_event_pkey" primary key ("id"));`);
    this.addSql(`create index "privacy_request_event_request_id_id_index" on "privacy_request_event" ("request_id", "id");`);

    this.addSql(`alter table "app_user" add column "cancellation_requested_at" timestamptz null, add column "purge_after" timestamptz null, add column "status_before_cancellation" varchar(20) null, add column "purged_at" timestamptz null;`);
    this.addSql(`create index "app_user_purge_after_index" on "app_user" ("purge_after");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pii_access_log" cascade;`);

    this.addSql(`drop table if exists "privacy_request" cascade;`);

    this.addSql(`drop table if exists "privacy_request_event" cascade;`);

    this.addSql(`drop index "app_user_purge_after_index";`);
    this.addSql(`alter table "app_user" drop column "cancellation_requested_at", drop column "purge_after", drop column "status_before_cancellation", drop column "purged_at";`);
  }

}
