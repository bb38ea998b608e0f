package io.github.authstarter.provider;

/**
 * Thrown when a preset needs a setting the user did not give.
 */
public final class MissingPresetSettingException extends RuntimeException {

	private final String setting;

	MissingPresetSettingException(ProviderPreset preset, String setting) {
		super("preset '" + preset.id() + "' needs '" + setting + "'");
		this.setting = setting;
	}

	/**
	 * The name of the missing setting, in property form ({@code base-url}).
	 * @return the setting
	 */
	public String setting() {
		return this.setting;
	}

}
