import { Migration } from '@mikro-orm/migrations';

export class Migration20261122023516_chat_library extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "chat_read" ("id" uuid not null, "created_at" timestamptz not null, "chat_id" uuid not null, "user_id" uuid not null, "last_read_id" varchar(36) not null, constraint "chat_read_pkey" primary key ("id"));`);
    this.addSql(`alter table "chat_read" add constraint "chat_read_chat_id_user_id_unique" unique ("chat_id", "user_id");`);

    this.addSql(`create table "chat_session" ("id" uuid not null, "created_at" timestamptz not null, "owner_id" uuid not null, "ticket_id" uuid null, "status" varchar(10) not null default 'open', "claimed_by_id" uuid null, "last_message_at" timestamptz not null, "closed_at" timestamptz null, constraint "chat_session_pkey" primary key ("id"));`);
    this.addSql(`create index "chat_session_claimed_by_id_index" on "chat_session" ("claimed_by_id");`);
    this.addSql(`create index "chat_session_status_last_message_at_index" on "chat_session" ("status", "last_message_at");`);
    this.addSql(`create index "chat_session_owner_id_last_message_at_index" on "chat_session" ("owner_id", "last_message_at");`);

    this.addSql(`create table "chat_message" ("id" uuid not null, "created_at" timestamptz not null, "chat_id" uuid not null, "author_id" uuid not null, "kind" varchar(10) not null, "body_sealed" text null, "file_id" uuid null, "client_id" varchar(64) null, constraint "chat_message_pkey" primary key ("id"));`);
    this.addSql(`create index "chat_message_chat_id_id_index" on "chat_message" ("chat_id", "id");`);
    this.addSql(`alter table "chat_message" add constraint "chat_message_chat_id_author_id_client_id_unique" unique ("chat_id", "author_id", "client_id");`);

    this.addSql(`create table "document_view" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "document_id" uuid not null, "seconds_read" int not null default 0, constraint "document_view_pkey" primary key ("id"));`);
    this.addSql(`create index "document_view_document_id_created_at_index" on "document_view" ("document_id", "created_at");`);
    this.addSql(`create index "document_view_user_id_id_index" on "document_view" ("user_id", "id");`);

    this.addSql(`create table "quick_answer" ("id" uuid not null, "created_at" timestamptz not null, "question" varchar(200) not null, "answer" text not null, "source_chat_id" uuid null, "created_by_id" uuid not null, "active" boolean not null default true, "updated_at" timestamptz not null, constraint "quick_answer_pkey" primary key ("id"));`);

    this.addSql(`alter table "chat_message" add constraint "chat_message_chat_id_foreign" foreign key ("chat_id") references "chat_session" ("id") on update cascade;`);

    this.addSql(`alter table "stored_file" drop constraint if exists "stored_file_purpose_check";`);

    this.addSql(`alter table "library_document" add column "retired_at" timestamptz null, add column "attachment_ids" jsonb null, add column "updated_at" timestamptz null, add column "updated_by_id" uuid null;`);

    this.addSql(`alter table "stored_file" add column "chat_id" uuid null, add column "document_id" uuid null;`);
    this.addSql(`alter table "stored_file" alter column "purpose" type varchar(30) using ("purpose"::varchar(30));`);
    this.addSql(`create index "stored_file_chat_id_index" on "stored_file" ("chat_id");`);
    this.addSql(`create index "stored_file_document_id_index" on "stored_file" ("document_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "chat_message" drop constraint "chat_message_chat_id_foreign";`);

    this.addSql(`drop table if exists "chat_read" cascade;`);

    this.addSql(`drop table if exists "chat_session" cascade;`);

    this.addSql(`drop table if exists "chat_message" cascade;`);

    this.addSql(`drop table if exists "document_view" cascade;`);

    this.addSql(`drop table if exists "quick_answer" cascade;`);

    this.addSql(`alter table "library_document" drop column "retired_at", drop column "attachment_ids", drop column "updated_at", drop column "updated_by_id";`);

    this.addSql(`drop index "stored_file_chat_id_index";`);
    this.addSql(`drop index "stored_file_document_id_index";`);
    this.addSql(`alter table "stored_file" drop column "chat_id", drop column "document_id";`);

    this.addSql(`alter table "stored_file" alter column "purpose" type text using ("purpose"::text);`);
    this.addSql(`alter table "stored_file" add constraint "stored_file_purpose_check" check("purpose" in ('badge', 'ticket_photo', 'ticket_voice', 'chat'));`);
  }

}
