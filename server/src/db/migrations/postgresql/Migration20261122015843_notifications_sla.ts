import { Migration } from '@mikro-orm/migrations';

export class Migration20261122015843_notifications_sla extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "job_run" ("id" uuid not null, "created_at" timestamptz not null, "job" varchar(40) not null, "period" varchar(60) not null, "trigger" varchar(40) not null, "finished_at" timestamptz null, "result" jsonb null, "error" text null, constraint "job_run_pkey" primary key ("id"));`);
    this.addSql(`alter table "job_run" add constraint "job_run_job_period_unique" unique ("job", "period");`);

    this.addSql(`create table "notification" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "kind" varchar(40) not null, "ticket_id" uuid null, "title" varchar(80) not null, "body" varchar(300) not null, "read_at" timestamptz null, "dedupe_key" varchar(200) not null, "wechat_state" varchar(10) null, "wechat_msg_id" varchar(40) null, constraint "notification_pkey" primary key ("id"));`);
    this.addSql(`alter table "notification" add constraint "notification_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "notification_user_id_id_index" on "notification" ("user_id", "id");`);

    this.addSql(`create table "outbox_message" ("id" uuid not null, "created_at" timestamptz not null, "topic" varchar(40) not null, "dedupe_key" varchar(200) not null, "payload" jsonb not null, "attempts" int not null default 0, "available_at" timestamptz not null, "delivered_at" timestamptz null, "last_error" text null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`alter table "outbox_message" add constraint "outbox_message_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "outbox_message_delivered_at_available_at_index" on "outbox_message" ("delivered_at", "available_at");`);

    this.addSql(`create table "subscription_allowance" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "template_key" varchar(40) not null, "remaining" int not null default 0, "updated_at" timestamptz not null, constraint "subscription_allowance_pkey" primary key ("id"));`);
    this.addSql(`alter table "subscription_allowance" add constraint "subscription_allowance_user_id_template_key_unique" unique ("user_id", "template_key");`);

    this.addSql(`create table "ticket_comment" ("id" uuid not null, "created_at" timestamptz not null, "ticket_id" uuid not null, "author_id" uuid not null, "body_sealed" text not null, "file_ids" jsonb not null, constraint "ticket_comment_pkey" primary key ("id"));`);
    this.addSql(`create index "ticket_comment_ticket_id_index" on "ticket_comment" ("ticket_id");`);

    this.addSql(`create table "ticket_service_report" ("id" uuid not null, "created_at" timestamptz not null, "ticket_id" uuid not null, "engineer_id" uuid not null, "found" text not null, "done" text not null, "parts" text null, constraint "ticket_service_report_pkey" primary key ("id"));`);
    this.addSql(`create index "ticket_service_report_ticket_id_index" on "ticket_service_report" ("ticket_id");`);

    this.addSql(`create table "ticket_sla_mark" ("id" uuid not null, "created_at" timestamptz not null, "ticket_id" uuid not null, "clock" varchar(20) not null, "kind" varchar(20) not null, "used_minutes" int not null, constraint "ticket_sla_mark_pkey" primary key ("id"));`);
    this.addSql(`create index "ticket_sla_mark_ticket_id_index" on "ticket_sla_mark" ("ticket_id");`);
    this.addSql(`alter table "ticket_sla_mark" add constraint "ticket_sla_mark_ticket_id_clock_kind_unique" unique ("ticket_id", "clock", "kind");`);

    this.addSql(`alter table "ticket_comment" add constraint "ticket_comment_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id") on update cascade;`);

    this.addSql(`alter table "ticket_service_report" add constraint "ticket_service_report_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id") on update cascade;`);

    this.addSql(`alter table "ticket_sla_mark" add constraint "ticket_sla_mark_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "job_run" cascade;`);

    this.addSql(`drop table if exists "notification" cascade;`);

    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`drop table if exists "subscription_allowance" cascade;`);

    this.addSql(`drop table if exists "ticket_comment" cascade;`);

    this.addSql(`drop table if exists "ticket_service_report" cascade;`);

    this.addSql(`drop table if exists "ticket_sla_mark" cascade;`);
  }

}
