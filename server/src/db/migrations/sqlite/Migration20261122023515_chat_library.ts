import { Migration } from '@mikro-orm/migrations';

export class Migration20261122023515_chat_library extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`chat_read\` (\`id\` text not null, \`created_at\` datetime not null, \`chat_id\` text not null, \`user_id\` text not null, \`last_read_id\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`chat_read_chat_id_user_id_unique\` on \`chat_read\` (\`chat_id\`, \`user_id\`);`);

    this.addSql(`create table \`chat_session\` (\`id\` text not null, \`created_at\` datetime not null, \`owner_id\` text not null, \`ticket_id\` text null, \`status\` text not null default 'open', \`claimed_by_id\` text null, \`last_message_at\` datetime not null, \`closed_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`chat_session_claimed_by_id_index\` on \`chat_session\` (\`claimed_by_id\`);`);
    this.addSql(`create index \`chat_session_status_last_message_at_index\` on \`chat_session\` (\`status\`, \`last_message_at\`);`);
    this.addSql(`create index \`chat_session_owner_id_last_message_at_index\` on \`chat_session\` (\`owner_id\`, \`last_message_at\`);`);

    this.addSql(`create table \`chat_message\` (\`id\` text not null, \`created_at\` datetime not null, \`chat_id\` text not null, \`author_id\` text not null, \`kind\` text not null, \`body_sealed\` text null, \`file_id\` text null, \`client_id\` text null, constraint \`chat_message_chat_id_foreign\` foreign key(\`chat_id\`) references \`chat_session\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`chat_message_chat_id_index\` on \`chat_message\` (\`chat_id\`);`);
    this.addSql(`create index \`chat_message_chat_id_id_index\` on \`chat_message\` (\`chat_id\`, \`id\`);`);
    this.addSql(`create unique index \`chat_message_chat_id_author_id_client_id_unique\` on \`chat_message\` (\`chat_id\`, \`author_id\`, \`client_id\`);`);

    this.addSql(`create table \`document_view\` (\`id\` text not null, \`created_at\` datetime not null, \`user_id\` text not null, \`document_id\` text not null, \`seconds_read\` integer not null default 0, primary key (\`id\`));`);
    this.addSql(`create index \`document_view_document_id_created_at_index\` on \`document_view\` (\`document_id\`, \`created_at\`);`);
    this.addSql(`create index \`document_view_user_id_id_index\` on \`document_view\` (\`user_id\`, \`id\`);`);

    this.addSql(`create table \`quick_answer\` (\`id\` text not null, \`created_at\` datetime not null, \`question\` text not null, \`answer\` text not null, \`source_chat_id\` text null, \`created_by_id\` text not null, \`active\` integer not null default true, \`updated_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`alter table \`library_document\` add column \`retired_at\` datetime null;`);
    this.addSql(`alter table \`library_document\` add column \`attachment_ids\` json null;`);
    this.addSql(`alter table \`library_document\` add column \`updated_at\` datetime null;`);
    this.addSql(`alter table \`library_document\` add column \`updated_by_id\` text null;`);

    // Hand-written (decision 002): \`purpose\` loses its CHECK list, which SQLite
    // can only do by rebuilding the table; the generator leaves it out.
    // No table references stored_file, so the copy-drop-rename is safe.
    this.addSql(`create table \`stored_file_next\` (\`id\` text not null, \`created_at\` datetime not null, \`owner_id\` text not null, \`purpose\` text not null, \`mime\` text not null, \`size\` integer not null, \`storage_key\` text not null, \`attached_at\` datetime null, \`deleted_at\` datetime null, \`ticket_id\` text null, \`comment_id\` text null, \`chat_id\` text null, \`document_id\` text null, primary key (\`id\`));`);
    this.addSql(`insert into \`stored_file_next\` (\`id\`, \`created_at\`, \`owner_id\`, \`purpose\`, \`mime\`, \`size\`, \`storage_key\`, \`attached_at\`, \`deleted_at\`, \`ticket_id\`, \`comment_id\`) select \`id\`, \`created_at\`, \`owner_id\`, \`purpose\`, \`mime\`, \`size\`, \`storage_key\`, \`attached_at\`, \`deleted_at\`, \`ticket_id\`, \`comment_id\` from \`stored_file\`;`);
    this.addSql(`drop table \`stored_file\`;`);
    this.addSql(`alter table \`stored_file_next\` rename to \`stored_file\`;`);
    this.addSql(`create index \`stored_file_owner_id_index\` on \`stored_file\` (\`owner_id\`);`);
    this.addSql(`create index \`stored_file_ticket_id_index\` on \`stored_file\` (\`ticket_id\`);`);
    this.addSql(`create index \`stored_file_chat_id_index\` on \`stored_file\` (\`chat_id\`);`);
    this.addSql(`create index \`stored_file_document_id_index\` on \`stored_file\` (\`document_id\`);`);
  }

}
