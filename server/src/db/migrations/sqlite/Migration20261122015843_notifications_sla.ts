import { Migration } from '@mikro-orm/migrations';

export class Migration20261122015843_notifications_sla extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`job_run\` (\`id\` text not null, \`created_at\` datetime not null, \`job\` text not null, \`period\` text not null, \`trigger\` text not null, \`finished_at\` datetime null, \`result\` json null, \`error\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`job_run_job_period_unique\` on \`job_run\` (\`job\`, \`period\`);`);

    this.addSql(`create table \`notification\` (\`id\` text not null, \`created_at\` datetime not null, \`user_id\` text not null, \`kind\` text not null, \`ticket_id\` text null, \`title\` text not null, \`body\` text not null, \`read_at\` datetime null, \`dedupe_key\` text not null, \`wechat_state\` text null, \`wechat_msg_id\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`notification_dedupe_key_unique\` on \`notification\` (\`dedupe_key\`);`);
    this.addSql(`create index \`notification_user_id_id_index\` on \`notification\` (\`user_id\`, \`id\`);`);

    this.addSql(`create table \`outbox_message\` (\`id\` text not null, \`created_at\` datetime not null, \`topic\` text not null, \`dedupe_key\` text not null, \`payload\` json not null, \`attempts\` integer not null default 0, \`available_at\` datetime not null, \`delivered_at\` datetime null, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`outbox_message_dedupe_key_unique\` on \`outbox_message\` (\`dedupe_key\`);`);
    this.addSql(`create index \`outbox_message_delivered_at_available_at_index\` on \`outbox_message\` (\`delivered_at\`, \`available_at\`);`);

    this.addSql(`create table \`subscription_allowance\` (\`id\` text not null, \`created_at\` datetime not null, \`user_id\` text not null, \`template_key\` text not null, \`remaining\` integer not null default 0, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`subscription_allowance_user_id_template_key_unique\` on \`subscription_allowance\` (\`user_id\`, \`template_key\`);`);

    this.addSql(`create table \`ticket_comment\` (\`id\` text not null, \`created_at\` datetime not null, \`ticket_id\` text not null, \`author_id\` text not null, \`body_sealed\` text not null, \`file_ids\` json not null, constraint \`ticket_comment_ticket_id_foreign\` foreign key(\`ticket_id\`) references \`ticket\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`ticket_comment_ticket_id_index\` on \`ticket_comment\` (\`ticket_id\`);`);

    this.addSql(`create table \`ticket_service_report\` (\`id\` text not null, \`created_at\` datetime not null, \`ticket_id\` text not null, \`engineer_id\` text not null, \`found\` text not null, \`done\` text not null, \`parts\` text null, constraint \`ticket_service_report_ticket_id_foreign\` foreign key(\`ticket_id\`) references \`ticket\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`ticket_service_report_ticket_id_index\` on \`ticket_service_report\` (\`ticket_id\`);`);

    this.addSql(`create table \`ticket_sla_mark\` (\`id\` text not null, \`created_at\` datetime not null, \`ticket_id\` text not null, \`clock\` text not null, \`kind\` text not null, \`used_minutes\` integer not null, constraint \`ticket_sla_mark_ticket_id_foreign\` foreign key(\`ticket_id\`) references \`ticket\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`ticket_sla_mark_ticket_id_index\` on \`ticket_sla_mark\` (\`ticket_id\`);`);
    this.addSql(`create unique index \`ticket_sla_mark_ticket_id_clock_kind_unique\` on \`ticket_sla_mark\` (\`ticket_id\`, \`clock\`, \`kind\`);`);
  }

}
