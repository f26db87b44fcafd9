import { Migration } from '@mikro-orm/migrations';

export class Migration20261122001846_tickets_access extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "access_request" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "requested_department_ids" jsonb not null, "granted_department_ids" jsonb null, "position_sealed" text not null, "reason_sealed" text not null, "status" text check ("status" in ('pending', 'approved', 'rejected')) not null default 'pending', "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_reason" varchar(200) null, constraint "access_request_pkey" primary key ("id"));`);
    this.addSql(`create index "access_request_user_id_index" on "access_request" ("user_id");`);
    this.addSql(`create index "access_request_status_index" on "access_request" ("status");`);

    this.addSql(`create table "managed_department" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "department_id" uuid not null, "granted_by_id" uuid null, "request_id" uuid null, "revoked_at" timestamptz null, constraint "managed_department_pkey" primary key ("id"));`);
    this.addSql(`create index "managed_department_user_id_index" on "managed_department" ("user_id");`);
    this.addSql(`create index "managed_department_department_id_index" on "managed_department" ("department_id");`);

    this.addSql(`create table "ticket" ("id" uuid not null, "created_at" timestamptz not null, "number" varchar(20) not null, "reporter_id" uuid not null, "hospital_id" uuid not null, "department_id" uuid not null, "equipment_unit_id" uuid null, "model" varchar(60) null, "serial" varchar(40) null, "description" text not null, "contact_name_sealed" text not null, "contact_phone_sealed" text not null, "status" text check ("status" in ('submitted', 'accepted', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled')) not null default 'submitted', "assigned_engineer_id" uuid null, "updated_at" timestamptz not null, constraint "ticket_pkey" primary key ("id"));`);
    this.addSql(`alter table "ticket" add constraint "ticket_number_unique" unique ("number");`);
    this.addSql(`create index "ticket_reporter_id_index" on "ticket" ("reporter_id");`);
    this.addSql(`create index "ticket_hospital_id_index" on "ticket" ("hospital_id");`);
    this.addSql(`create index "ticket_department_id_index" on "ticket" ("department_id");`);
    this.addSql(`create index "ticket_equipment_unit_id_index" on "ticket" ("equipment_unit_id");`);
    this.addSql(`create index "ticket_status_index" on "ticket" ("status");`);
    this.addSql(`create index "ticket_assigned_engineer_id_index" on "ticket" ("assigned_engineer_id");`);

    this.addSql(`create table "ticket_delegation" ("id" uuid not null, "created_at" timestamptz not null, "ticket_id" uuid not null, "dealer_id" uuid not null, "purpose" text check ("purpose" in ('onsite_check', 'pickup')) not null, "delegated_by_id" uuid not null, "ended_at" timestamptz null, constraint "ticket_delegation_pkey" primary key ("id"));`);
    this.addSql(`create index "ticket_delegation_ticket_id_index" on "ticket_delegation" ("ticket_id");`);
    this.addSql(`create index "ticket_delegation_dealer_id_index" on "ticket_delegation" ("dealer_id");`);

    this.addSql(`alter table "ticket" add constraint "ticket_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id") on update cascade;`);
    this.addSql(`alter table "ticket" add constraint "ticket_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`);
    this.addSql(`alter table "ticket" add constraint "ticket_equipment_unit_id_foreign" foreign key ("equipment_unit_id") references "equipment_unit" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "ticket_delegation" add constraint "ticket_delegation_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id") on update cascade;`);
    this.addSql(`alter table "ticket_delegation" add constraint "ticket_delegation_dealer_id_foreign" foreign key ("dealer_id") references "dealer" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "ticket_delegation" drop constraint "ticket_delegation_ticket_id_foreign";`);

    this.addSql(`drop table if exists "access_request" cascade;`);

    this.addSql(`drop table if exists "managed_department" cascade;`);

    this.addSql(`drop table if exists "ticket" cascade;`);

    this.addSql(`drop table if exists "ticket_delegation" cascade;`);
  }

}
