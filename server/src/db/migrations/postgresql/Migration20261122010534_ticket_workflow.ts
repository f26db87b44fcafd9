import { Migration } from '@mikro-orm/migrations';

export class Migration20261122010534_ticket_workflow extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "idempotency_record" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "route" varchar(60) not null, "key" varchar(100) not null, "body_hash" varchar(64) not null, "response_body" jsonb null, constraint "idempotency_record_pkey" primary key ("id"));`);
    this.addSql(`alter table "idempotency_record" add constraint "idempotency_record_user_id_route_key_unique" unique ("user_id", "route", "key");`);

    this.addSql(`create table "ticket_event" ("id" uuid not null, "created_at" timestamptz not null, "ticket_id" uuid not null, "actor_id" uuid not null, "kind" text check ("kind" in ('create', 'accept', 'start', 'hold', 'resume', 'resolve', 'close', 'cancel', 'assign', 'rate')) not null, "from_status" text check ("from_status" in ('submitted', 'accepted', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled')) null, "to_status" text check ("to_status" in ('submitted', 'accepted', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled')) not null, "reason" text check ("reason" in ('awaiting_parts', 'awaiting_quote_approval', 'awaiting_decontamination_proof', 'other')) null, "note" text null, "assignee_id" uuid null, constraint "ticket_event_pkey" primary key ("id"));`);
    this.addSql(`create index "ticket_event_ticket_id_index" on "ticket_event" ("ticket_id");`);

    this.addSql(`create table "ticket_rating" ("id" uuid not null, "created_at" timestamptz not null, "ticket_id" uuid not null, "rater_id" uuid not null, "score" int not null, "comment_sealed" text null, constraint "ticket_rating_pkey" primary key ("id"));`);
    this.addSql(`alter table "ticket_rating" add constraint "ticket_rating_ticket_id_unique" unique ("ticket_id");`);
    this.addSql(`create index "ticket_rating_rater_id_index" on "ticket_rating" ("rater_id");`);

    this.addSql(`alter table "ticket_event" add constraint "ticket_event_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id") on update cascade;`);

    this.addSql(`alter table "ticket_rating" add constraint "ticket_rating_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotency_record" cascade;`);

    this.addSql(`drop table if exists "ticket_event" cascade;`);

    this.addSql(`drop table if exists "ticket_rating" cascade;`);
  }

}
