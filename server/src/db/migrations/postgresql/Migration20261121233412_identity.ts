import { Migration } from '@mikro-orm/migrations';

export class Migration20261121233412_identity extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" ("id" uuid not null, "created_at" timestamptz not null, "actor_id" uuid null, "action" varchar(60) not null, "subject_user_id" uuid null, "fields" jsonb null, "reason" varchar(200) null, "request_id" varchar(64) null, constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_actor_id_index" on "audit_event" ("actor_id");`);
    this.addSql(`create index "audit_event_subject_user_id_index" on "audit_event" ("subject_user_id");`);

    this.addSql(`create table "consent_event" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "action" text check ("action" in ('grant', 'withdraw')) not null, "policy_version" varchar(20) not null, "purposes" jsonb not null, "adult" boolean not null, "text_hash" varchar(64) not null, "request_id" varchar(64) null, constraint "consent_event_pkey" primary key ("id"));`);
    this.addSql(`create index "consent_event_user_id_index" on "consent_event" ("user_id");`);

    this.addSql(`create table "policy_version" ("id" uuid not null, "created_at" timestamptz not null, "version" varchar(20) not null, "published_at" timestamptz not null, "material" boolean not null, "title" varchar(100) not null, "text" text not null, "text_hash" varchar(64) not null, constraint "policy_version_pkey" primary key ("id"));`);
    this.addSql(`alter table "policy_version" add constraint "policy_version_version_unique" unique ("version");`);
    this.addSql(`create index "policy_version_published_at_index" on "policy_version" ("published_at");`);

    this.addSql(`create table "user_session" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "last_used_at" timestamptz not null, "idle_expires_at" timestamptz not null, "absolute_expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "user_session_pkey" primary key ("id"));`);
    this.addSql(`create index "user_session_user_id_index" on "user_session" ("user_id");`);
    this.addSql(`alter table "user_session" add constraint "user_session_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "sms_code" ("id" uuid not null, "created_at" timestamptz not null, "phone_index" varchar(64) not null, "purpose" text check ("purpose" in ('login', 'change_phone')) not null, "code_hash" varchar(64) not null, "expires_at" timestamptz not null, "attempts" int not null default 0, "consumed_at" timestamptz null, constraint "sms_code_pkey" primary key ("id"));`);
    this.addSql(`create index "sms_code_phone_index_purpose_index" on "sms_code" ("phone_index", "purpose");`);

    this.addSql(`create table "stored_file" ("id" uuid not null, "created_at" timestamptz not null, "owner_id" uuid not null, "purpose" text check ("purpose" in ('badge', 'ticket_photo', 'ticket_voice', 'chat')) not null, "mime" varchar(60) not null, "size" int not null, "storage_key" varchar(120) not null, "attached_at" timestamptz null, "deleted_at" timestamptz null, constraint "stored_file_pkey" primary key ("id"));`);
    this.addSql(`create index "stored_file_owner_id_index" on "stored_file" ("owner_id");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "created_at" timestamptz not null, "status" text check ("status" in ('unregistered', 'pending', 'active', 'rejected', 'cancelling')) not null default 'unregistered', "role" text check ("role" in ('staff', 'engineer', 'dealer', 'admin')) not null default 'staff', "tier" text check ("tier" in ('general', 'advanced')) null, "phone_sealed" text null, "phone_index" varchar(64) null, "openid_sealed" text null, "openid_index" varchar(64) null, "name_sealed" text null, "position_sealed" text null, "title_sealed" text null, "gender_sealed" text null, "hospital_id" uuid null, "department_id" uuid null, "badge_file_id" uuid null, "dealer_id" uuid null, "registered_at" timestamptz null, "decided_at" timestamptz null, "decided_by_id" uuid null, "rejection_reason" varchar(200) null, "consented_policy_version" varchar(20) null, "consent_purposes" jsonb not null, "adult_confirmed_at" timestamptz null, "updated_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_phone_index_unique" unique ("phone_index");`);
    this.addSql(`alter table "app_user" add constraint "app_user_openid_index_unique" unique ("openid_index");`);
    this.addSql(`create index "app_user_hospital_id_index" on "app_user" ("hospital_id");`);
    this.addSql(`create index "app_user_department_id_index" on "app_user" ("department_id");`);
    this.addSql(`create index "app_user_dealer_id_index" on "app_user" ("dealer_id");`);

    this.addSql(`alter table "app_user" add constraint "app_user_hospital_id_foreign" foreign key ("hospital_id") references "hospital" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "app_user" add constraint "app_user_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "app_user" add constraint "app_user_dealer_id_foreign" foreign key ("dealer_id") references "dealer" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "consent_event" cascade;`);

    this.addSql(`drop table if exists "policy_version" cascade;`);

    this.addSql(`drop table if exists "user_session" cascade;`);

    this.addSql(`drop table if exists "sms_code" cascade;`);

    this.addSql(`drop table if exists "stored_file" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);
  }

}
