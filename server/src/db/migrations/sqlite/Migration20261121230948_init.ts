import { Migration } from '@mikro-orm/migrations';

export class Migration20261121230948_init extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`dealer\` (\`id\` text not null, \`created_at\` datetime not null, \`name\` text not null, \`contract_ref\` text not null, \`purposes\` json not null, \`active\` integer not null default true, primary key (\`id\`));`);
    this.addSql(`create unique index \`dealer_name_unique\` on \`dealer\` (\`name\`);`);

    this.addSql(`create table \`equipment_model\` (\`id\` text not null, \`created_at\` datetime not null, \`name\` text not null, \`category\` text not null, \`manufacturer\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`equipment_model_name_unique\` on \`equipment_model\` (\`name\`);`);

    this.addSql(`create table \`gift\` (\`id\` text not null, \`created_at\` datetime not null, \`name\` text not null, \`description\` text not null, \`points_price\` integer not null, \`value_yuan\` integer not null, \`stock\` integer not null, \`per_person_limit\` integer not null default 1, \`active\` integer not null default true, primary key (\`id\`), constraint gift_stock_check check (stock >= 0));`);

    this.addSql(`create table \`hospital\` (\`id\` text not null, \`created_at\` datetime not null, \`name\` text not null, \`province\` text not null, \`city\` text not null, \`region_code\` text not null, \`address\` text not null, \`latitude\` numeric(9,6) not null, \`longitude\` numeric(9,6) not null, \`service_tier\` text check (\`service_tier\` in ('standard', 'premium')) not null default 'standard', primary key (\`id\`));`);
    this.addSql(`create index \`hospital_region_code_index\` on \`hospital\` (\`region_code\`);`);

    this.addSql(`create table \`department\` (\`id\` text not null, \`created_at\` datetime not null, \`hospital_id\` text not null, \`name\` text not null, constraint \`department_hospital_id_foreign\` foreign key(\`hospital_id\`) references \`hospital\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`department_hospital_id_index\` on \`department\` (\`hospital_id\`);`);
    this.addSql(`create unique index \`department_hospital_id_name_unique\` on \`department\` (\`hospital_id\`, \`name\`);`);

    this.addSql(`create table \`equipment_unit\` (\`id\` text not null, \`created_at\` datetime not null, \`model_id\` text not null, \`serial\` text not null, \`label_code\` text not null, \`hospital_id\` text not null, \`department_id\` text null, \`covered_until\` date null, constraint \`equipment_unit_model_id_foreign\` foreign key(\`model_id\`) references \`equipment_model\`(\`id\`) on update cascade, constraint \`equipment_unit_hospital_id_foreign\` foreign key(\`hospital_id\`) references \`hospital\`(\`id\`) on update cascade, constraint \`equipment_unit_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`equipment_unit_model_id_index\` on \`equipment_unit\` (\`model_id\`);`);
    this.addSql(`create unique index \`equipment_unit_serial_unique\` on \`equipment_unit\` (\`serial\`);`);
    this.addSql(`create unique index \`equipment_unit_label_code_unique\` on \`equipment_unit\` (\`label_code\`);`);
    this.addSql(`create index \`equipment_unit_hospital_id_index\` on \`equipment_unit\` (\`hospital_id\`);`);
    this.addSql(`create index \`equipment_unit_department_id_index\` on \`equipment_unit\` (\`department_id\`);`);

    this.addSql(`create table \`library_document\` (\`id\` text not null, \`created_at\` datetime not null, \`title\` text not null, \`category\` text not null, \`summary\` text not null, \`body\` text not null, \`published_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`library_document_category_index\` on \`library_document\` (\`category\`);`);
  }

}
