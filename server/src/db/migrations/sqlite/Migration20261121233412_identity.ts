import { Migration } from '@mikro-orm/migrations';

export class Migration20261121233412_identity extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_event\` (\`id\` text not null, \`created_at\` datetime not null, \`actor_id\` text null, \`action\` text not null, \`subject_user_id\` text null, \`fields\` json null, \`reason\` text null, \`request_id\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`audit_event_actor_id_index\` on \`audit_event\` (\`actor_id\`);`);
    this.addSql(`create index \`audit_event_subject_user_id_index\` on \`audit_event\` (\`subject_user_id\`);`);

    this.addSql(`create table \`consent_event\` (\`id\` text not null, \`created_at\` datetime not null, \`user_id\` text not null, \`action\` text check (\`action\` in ('grant', 'withdraw')) not null, \`policy_version\` text not null, \`purposes\` json not null, \`adult\` integer not null, \`text_hash\` text not null, \`request_id\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`consent_event_user_id_index\` on \`consent_event\` (\`user_id\`);`);

    this.addSql(`create table \`policy_version\` (\`id\` text not null, \`created_at\` datetime not null, \`version\` text not null, \`published_at\` datetime not null, \`material\` integer not null, \`title\` text not null, \`text\` text not null, \`text_hash\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`policy_version_version_unique\` on \`policy_version\` (\`version\`);`);
    this.addSql(`create index \`policy_version_published_at_index\` on \`policy_version\` (\`published_at\`);`);

    this.addSql(`create table \`user_session\` (\`id\` text not null, \`created_at\` datetime not null, \`user_id\` text not null, \`token_hash\` text not null, \`last_used_at\` datetime not null, \`idle_expires_at\` datetime not null, \`absolute_expires_at\` datetime not null, \`revoked_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`user_session_user_id_index\` on \`user_session\` (\`user_id\`);`);
    this.addSql(`create unique index \`user_session_token_hash_unique\` on \`user_session\` (\`token_hash\`);`);

    this.addSql(`create table \`sms_code\` (\`id\` text not null, \`created_at\` datetime not null, \`phone_index\` text not null, \`purpose\` text check (\`purpose\` in ('login', 'change_phone')) not null, \`code_hash\` text not null, \`expires_at\` datetime not null, \`attempts\` integer not null default 0, \`consumed_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`sms_code_phone_index_purpose_index\` on \`sms_code\` (\`phone_index\`, \`purpose\`);`);

    this.addSql(`create table \`stored_file\` (\`id\` text not null, \`created_at\` datetime not null, \`owner_id\` text not null, \`purpose\` text check (\`purpose\` in ('badge', 'ticket_photo', 'ticket_voice', 'chat')) not null, \`mime\` text not null, \`size\` integer not null, \`storage_key\` text not null, \`attached_at\` datetime null, \`deleted_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`stored_file_owner_id_index\` on \`stored_file\` (\`owner_id\`);`);

    this.addSql(`create table \`app_user\` (\`id\` text not null, \`created_at\` datetime not null, \`status\` text check (\`status\` in ('unregistered', 'pending', 'active', 'rejected', 'cancelling')) not null default 'unregistered', \`role\` text check (\`role\` in ('staff', 'engineer', 'dealer', 'admin')) not null default 'staff', \`tier\` text check (\`tier\` in ('general', 'advanced')) null, \`phone_sealed\` text null, \`phone_index\` text null, \`openid_sealed\` text null, \`openid_index\` text null, \`name_sealed\` text null, \`position_sealed\` text null, \`title_sealed\` text null, \`gender_sealed\` text null, \`hospital_id\` text null, \`department_id\` text null, \`badge_file_id\` text null, \`dealer_id\` text null, \`registered_at\` datetime null, \`decided_at\` datetime null, \`decided_by_id\` text null, \`rejection_reason\` text null, \`consented_policy_version\` text null, \`consent_purposes\` json not null, \`adult_confirmed_at\` datetime null, \`updated_at\` datetime not null, constraint \`app_user_hospital_id_foreign\` foreign key(\`hospital_id\`) references \`hospital\`(\`id\`) on delete set null on update cascade, constraint \`app_user_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete set null on update cascade, constraint \`app_user_dealer_id_foreign\` foreign key(\`dealer_id\`) references \`dealer\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`app_user_phone_index_unique\` on \`app_user\` (\`phone_index\`);`);
    this.addSql(`create unique index \`app_user_openid_index_unique\` on \`app_user\` (\`openid_index\`);`);
    this.addSql(`create index \`app_user_hospital_id_index\` on \`app_user\` (\`hospital_id\`);`);
    this.addSql(`create index \`app_user_department_id_index\` on \`app_user\` (\`department_id\`);`);
    this.addSql(`create index \`app_user_dealer_id_index\` on \`app_user\` (\`dealer_id\`);`);
  }

}
