using System;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DreamX.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Video stage: a task's provider-side job (provider, job id, submission time) so a resumed task polls it instead of
    /// submitting again; a provider's video model and what it accepts (lengths, ratios, resolutions, audio, timeout).
    /// </summary>
    [DbContext(typeof(DreamXDbContext))]
    [Migration("20261206175000_Video_RemoteJob")]
    public partial class Video_RemoteJob : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "remote_job_id",
                table: "generation_tasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "remote_job_submitted_at",
                table: "generation_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "remote_provider",
                table: "generation_tasks",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "video_model",
                table: "provider_configs",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "video_settings",
                table: "provider_configs",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}"); // existing rows: the defaults of VideoModelSettings
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "remote_job_id", table: "generation_tasks");
            migrationBuilder.DropColumn(name: "remote_job_submitted_at", table: "generation_tasks");
            migrationBuilder.DropColumn(name: "remote_provider", table: "generation_tasks");
            migrationBuilder.DropColumn(name: "video_model", table: "provider_configs");
            migrationBuilder.DropColumn(name: "video_settings", table: "provider_configs");
        }
    }
}
