using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DreamX.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Webhooks_ProviderCallbackSecret : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "protected_callback_secret",
                table: "provider_configs",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_generation_tasks_remote_provider_remote_job_id",
                table: "generation_tasks",
                columns: new[] { "remote_provider", "remote_job_id" },
                filter: "remote_job_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_generation_tasks_remote_provider_remote_job_id",
                table: "generation_tasks");

            migrationBuilder.DropColumn(
                name: "protected_callback_secret",
                table: "provider_configs");
        }
    }
}
