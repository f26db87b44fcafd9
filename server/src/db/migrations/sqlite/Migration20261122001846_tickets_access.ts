import { Migration } from '@mikro-orm/migrations';

export class Migration20261122001846_tickets_access extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`access_request\` (\`id\` text not null, \`created_at\` datetime not null, \`user_id\` text not null, \`requested_department_ids\` json not null, \`granted_department_ids\` json null, \`position_sealed\` text not null, \`reason_sealed\` text not null, \`status\` text check (\`status\` in ('pending', 'approved', 'rejected')) not null default 'pending', \`decided_by_id\` text null, \`decided_at\` datetime null, \`decision_reason\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`access_request_user_id_index\` on \`access_request\` (\`user_id\`);`);
    this.addSql(`create index \`access_request_status_index\` on \`access_request\` (\`status\`);`);

    this.addSql(`create table \`managed_department\` (\`id\` text not null, \`created_at\` datetime not null, \`user_id\` text not null, \`department_id\` text not null, \`granted_by_id\` text null, \`request_id\` text null, \`revoked_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`managed_department_user_id_index\` on \`managed_department\` (\`user_id\`);`);
    this.addSql(`create index \`managed_department_department_id_index\` on \`managed_department\` (\`department_id\`);`);

    this.addSql(`create table \`ticket\` (\`id\` text not null, \`created_at\` datetime not null, \`number\` text not null, \`reporter_id\` text not null, \`hospital_id\` text not null, \`department_id\` text not null, \`equipment_unit_id\` text null, \`model\` text null, \`serial\` text null, \`description\` text not null, \`contact_name_sealed\` text not null, \`contact_phone_sealed\` text not null, \`status\` text check (\`status\` in ('submitted', 'accepted', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled')) not null default 'submitted', \`assigned_engineer_id\` text null, \`updated_at\` datetime not null, constraint \`ticket_hospital_id_foreign\` foreign key(\`hospital_id\`) references \`hospital\`(\`id\`) on update cascade, constraint \`ticket_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on update cascade, constraint \`ticket_equipment_unit_id_foreign\` foreign key(\`equipment_unit_id\`) references \`equipment_unit\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`ticket_number_unique\` on \`ticket\` (\`number\`);`);
    this.addSql(`create index \`ticket_reporter_id_index\` on \`ticket\` (\`reporter_id\`);`);
    this.addSql(`create index \`ticket_hospital_id_index\` on \`ticket\` (\`hospital_id\`);`);
    this.addSql(`create index \`ticket_department_id_index\` on \`ticket\` (\`department_id\`);`);
    this.addSql(`create index \`ticket_equipment_unit_id_index\` on \`ticket\` (\`equipment_unit_id\`);`);
    this.addSql(`create index \`ticket_status_index\` on \`ticket\` (\`status\`);`);
    this.addSql(`create index \`ticket_assigned_engineer_id_index\` on \`ticket\` (\`assigned_engineer_id\`);`);

    this.addSql(`create table \`ticket_delegation\` (\`id\` text not null, \`created_at\` datetime not null, \`ticket_id\` text not null, \`dealer_id\` text not null, \`purpose\` text check (\`purpose\` in ('onsite_check', 'pickup')) not null, \`delegated_by_id\` text not null, \`ended_at\` datetime null, constraint \`ticket_delegation_ticket_id_foreign\` foreign key(\`ticket_id\`) references \`ticket\`(\`id\`) on update cascade, constraint \`ticket_delegation_dealer_id_foreign\` foreign key(\`dealer_id\`) references \`dealer\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`ticket_delegation_ticket_id_index\` on \`ticket_delegation\` (\`ticket_id\`);`);
    this.addSql(`create index \`ticket_delegation_dealer_id_index\` on \`ticket_delegation\` (\`dealer_id\`);`);
  }

}
