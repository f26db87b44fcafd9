import { Migration } from '@mikro-orm/migrations';

export class Migration20261122054613_privacy_centre extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`pii_access_log\` (\`id\` text not null, \`created_at\` datetime not null, \`actor_id\` text null, \`subject_user_id\` text null, \`subject_count\` integer not null default 1, \`action\` text not null, \`fields\` json not null, \`purpose\` text not null, \`request_id\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`pii_access_log_subject_user_id_id_index\` on \`pii_access_log\` (\`subject_user_id\`, \`id\`);`);
    this.addSql(`create index \`pii_access_log_actor_id_id_index\` on \`pii_access_log\` (\`actor_id\`, \`id\`);`);
    this.addSql(`create index \`pii_access_log_created_at_index\` on \`pii_access_log\` (\`created_at\`);`);

    this.addSql(`create table \`privacy_request\` (\`id\` text not null, \`created_at\` datetime not null, \`user_id\` text not null, \`type\` text not null, \`status\` text not null, \`details_sealed\` text null, \`verified_at\` datetime not null, \`due_at\` datetime not null, \`handled_by_id\` text null, \`outcome_sealed\` text null, \`refusal_reason\` text null, \`closed_at\` datetime null, \`updated_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`privacy_request_user_id_id_index\` on \`privacy_request\` (\`user_id\`, \`id\`);`);
    this.addSql(`create index \`privacy_request_status_due_at_index\` on \`privacy_request\` (\`status\`, \`due_at\`);`);

    this.addSql(`create table \`privacy_request_event\` (\`id\` text not null, \`created_at\` datetime not null, \`request_id\` text not null, \`actor_id\` text null, \`kind\` text not null, \`note_sealed\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`privacy_request_event_request_id_id_index\` on \`privacy_request_event\` (\`request_id\`, \`id\`);`);

    this.addSql(`alter table \`app_user\` add column \`cancellation_requested_at\` datetime null;`);
    this.addSql(`alter table \`app_user\` add column \`purge_after\` datetime null;`);
    this.addSql(`alter table \`app_user\` add column \`status_before_cancellation\` text null;`);
    this.addSql(`alter table \`app_user\` add column \`purged_at\` datetime null;`);
    this.addSql(`create index \`app_user_purge_after_index\` on \`app_user\` (\`purge_after\`);`);
  }

}
