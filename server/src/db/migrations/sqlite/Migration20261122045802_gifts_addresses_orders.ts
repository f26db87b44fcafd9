import { Migration } from '@mikro-orm/migrations';

export class Migration20261122045802_gifts_addresses_orders extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`address\` (\`id\` text not null, \`created_at\` datetime not null, \`user_id\` text not null, \`sealed\` text not null, \`is_default\` integer not null default false, \`updated_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`address_user_id_id_index\` on \`address\` (\`user_id\`, \`id\`);`);

    this.addSql(`create table \`gift_stock_change\` (\`id\` text not null, \`created_at\` datetime not null, \`gift_id\` text not null, \`delta\` integer not null, \`stock_after\` integer not null, \`reason\` text not null, \`reference\` text null, \`note\` text null, \`actor_id\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`gift_stock_change_gift_id_id_index\` on \`gift_stock_change\` (\`gift_id\`, \`id\`);`);
    this.addSql(`create unique index \`gift_stock_change_reason_reference_unique\` on \`gift_stock_change\` (\`reason\`, \`reference\`);`);

    this.addSql(`create table \`redemption_order\` (\`id\` text not null, \`created_at\` datetime not null, \`number\` text not null, \`user_id\` text not null, \`gift_id\` text not null, \`gift_name\` text not null, \`quantity\` integer not null, \`points_total\` integer not null, \`value_yuan_total\` integer not null, \`address_sealed\` text not null, \`status\` text not null, \`carrier\` text null, \`tracking_no\` text null, \`shipped_at\` datetime null, \`delivered_at\` datetime null, \`cancelled_at\` datetime null, \`cancelled_by\` text null, \`cancelled_by_id\` text null, \`cancel_reason\` text null, \`updated_at\` datetime null, primary key (\`id\`), constraint redemption_order_quantity_check check (quantity > 0));`);
    this.addSql(`create unique index \`redemption_order_number_unique\` on \`redemption_order\` (\`number\`);`);
    this.addSql(`create index \`redemption_order_user_id_id_index\` on \`redemption_order\` (\`user_id\`, \`id\`);`);
    this.addSql(`create index \`redemption_order_status_id_index\` on \`redemption_order\` (\`status\`, \`id\`);`);
    this.addSql(`create index \`redemption_order_user_id_gift_id_status_index\` on \`redemption_order\` (\`user_id\`, \`gift_id\`, \`status\`);`);
    this.addSql(`create index \`redemption_order_user_id_created_at_index\` on \`redemption_order\` (\`user_id\`, \`created_at\`);`);

    this.addSql(`alter table \`gift\` add column \`image_ids\` json null;`);
    this.addSql(`alter table \`gift\` add column \`active_from\` datetime null;`);
    this.addSql(`alter table \`gift\` add column \`active_until\` datetime null;`);
    this.addSql(`alter table \`gift\` add column \`updated_at\` datetime null;`);

    this.addSql(`alter table \`stored_file\` add column \`gift_id\` text null;`);
    this.addSql(`create index \`stored_file_gift_id_index\` on \`stored_file\` (\`gift_id\`);`);
  }

}
