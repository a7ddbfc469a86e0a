using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DreamX.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Localise_EpisodeTranslations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "compositions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "composition_renders",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "episode_translations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    episode_id = table.Column<Guid>(type: "uuid", nullable: false),
                    language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    lines = table.Column<string>(type: "jsonb", nullable: false),
                    voices = table.Column<string>(type: "jsonb", nullable: false),
                    dual_subtitles = table.Column<bool>(type: "boolean", nullable: false),
                    translated_by = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_episode_translations", x => x.id);
                    table.ForeignKey(
                        name: "fk_episode_translations_episodes_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_episode_translations_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_episode_translations_episode_id_language",
                table: "episode_translations",
                columns: new[] { "episode_id", "language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_episode_translations_project_id",
                table: "episode_translations",
                column: "project_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "episode_translations");

            migrationBuilder.DropColumn(
                name: "language",
                table: "compositions");

            migrationBuilder.DropColumn(
                name: "language",
                table: "composition_renders");
        }
    }
}
