import { Migration } from '@mikro-orm/migrations';

export class Migration20261122010534_ticket_workflow extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`idempotency_record\` (\`id\` text not null, \`created_at\` datetime not null, \`user_id\` text not null, \`route\` text not null, \`key\` text not null, \`body_hash\` text not null, \`response_body\` json null, primary key (\`id\`));`);
    this.addSql(`create unique index \`idempotency_record_user_id_route_key_unique\` on \`idempotency_record\` (\`user_id\`, \`route\`, \`key\`);`);

    this.addSql(`create table \`ticket_event\` (\`id\` text not null, \`created_at\` datetime not null, \`ticket_id\` text not null, \`actor_id\` text not null, \`kind\` text check (\`kind\` in ('create', 'accept', 'start', 'hold', 'resume', 'resolve', 'close', 'cancel', 'assign', 'rate')) not null, \`from_status\` text check (\`from_status\` in ('submitted', 'accepted', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled')) null, \`to_status\` text check (\`to_status\` in ('submitted', 'accepted', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled')) not null, \`reason\` text check (\`reason\` in ('awaiting_parts', 'awaiting_quote_approval', 'awaiting_decontamination_proof', 'other')) null, \`note\` text null, \`assignee_id\` text null, constraint \`ticket_event_ticket_id_foreign\` foreign key(\`ticket_id\`) references \`ticket\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`ticket_event_ticket_id_index\` on \`ticket_event\` (\`ticket_id\`);`);

    this.addSql(`create table \`ticket_rating\` (\`id\` text not null, \`created_at\` datetime not null, \`ticket_id\` text not null, \`rater_id\` text not null, \`score\` integer not null, \`comment_sealed\` text null, constraint \`ticket_rating_ticket_id_foreign\` foreign key(\`ticket_id\`) references \`ticket\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`ticket_rating_ticket_id_unique\` on \`ticket_rating\` (\`ticket_id\`);`);
    this.addSql(`create index \`ticket_rating_rater_id_index\` on \`ticket_rating\` (\`rater_id\`);`);
  }

}
