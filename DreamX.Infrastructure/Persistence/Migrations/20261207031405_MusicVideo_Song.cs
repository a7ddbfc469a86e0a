using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DreamX.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MusicVideo_Song : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "excerpt_end_seconds",
                table: "checkpoints",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "excerpt_start_seconds",
                table: "checkpoints",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lyrics",
                table: "checkpoints",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "song_analysis_json",
                table: "checkpoints",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "song_key",
                table: "checkpoints",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "song_name",
                table: "checkpoints",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "song_seconds",
                table: "checkpoints",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "song_track_id",
                table: "checkpoints",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "excerpt_end_seconds",
                table: "checkpoints");

            migrationBuilder.DropColumn(
                name: "excerpt_start_seconds",
                table: "checkpoints");

            migrationBuilder.DropColumn(
                name: "lyrics",
                table: "checkpoints");

            migrationBuilder.DropColumn(
                name: "song_analysis_json",
                table: "checkpoints");

            migrationBuilder.DropColumn(
                name: "song_key",
                table: "checkpoints");

            migrationBuilder.DropColumn(
                name: "song_name",
                table: "checkpoints");

            migrationBuilder.DropColumn(
                name: "song_seconds",
                table: "checkpoints");

            migrationBuilder.DropColumn(
                name: "song_track_id",
                table: "checkpoints");
        }
    }
}
