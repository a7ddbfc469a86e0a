using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DreamX.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Notes_ImageTextNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "note_page_count",
                table: "checkpoints",
                type: "integer",
                nullable: false,
                defaultValue: 6);

            migrationBuilder.AddColumn<string>(
                name: "note_tone",
                table: "checkpoints",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "friendly");

            migrationBuilder.CreateTable(
                name: "note_posts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    hashtags = table.Column<string>(type: "jsonb", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    current_version = table.Column<int>(type: "integer", nullable: false),
                    edited_by_hand = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_note_posts", x => x.id);
                    table.ForeignKey(
                        name: "fk_note_posts_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    hook = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    current_version = table.Column<int>(type: "integer", nullable: false),
                    edited_by_hand = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_notes_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "note_pages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    note_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    line = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    heading = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    image_prompt = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    image_key = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    current_version = table.Column<int>(type: "integer", nullable: false),
                    edited_by_hand = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_note_pages", x => x.id);
                    table.ForeignKey(
                        name: "fk_note_pages_notes_note_id",
                        column: x => x.note_id,
                        principalTable: "notes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_note_pages_note_id_number",
                table: "note_pages",
                columns: new[] { "note_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_note_pages_project_id",
                table: "note_pages",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_note_posts_project_id",
                table: "note_posts",
                column: "project_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notes_project_id",
                table: "notes",
                column: "project_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "note_pages");

            migrationBuilder.DropTable(
                name: "note_posts");

            migrationBuilder.DropTable(
                name: "notes");

            migrationBuilder.DropColumn(
                name: "note_page_count",
                table: "checkpoints");

            migrationBuilder.DropColumn(
                name: "note_tone",
                table: "checkpoints");
        }
    }
}
