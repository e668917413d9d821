import { expect, test } from "@playwright/test";

import { apiClient, expectAccessible, signIn } from "./helpers";

test("an admin creates a key, sees it once, and revokes it after confirming", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Keys" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API keys");

  const name = `e2e-${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const field = page.getByLabel("The new key");
  const key = await field.inputValue();
  expect(key).toMatch(/^pgk_/);
  await expect(page.getByText(/it will not be shown again/)).toBeVisible();
  await expectAccessible(page, "Keys with a new key");
  const asNew = await apiClient(key);
  expect((await asNew.get("me")).status()).toBe(200);

  await page.getByRole("button", { name: "Done" }).click();
  await expect(field).toHaveCount(0);
  expect(await page.locator("body").innerText()).not.toContain(key);

  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("revoked");
  expect((await asNew.get("me")).status()).toBe(401);
});
