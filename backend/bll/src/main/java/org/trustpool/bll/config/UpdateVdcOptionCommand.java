package org.trustpool.bll.config;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.Set;
import java.util.regex.Pattern;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.HostAddressValidator;
import org.trustpool.common.action.VdcOptionParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.ConfigValues;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** Changes one engine option at run time; every reader of the option picks the new value up on its next use (EngineConfig's memory is updated after the commit). */
public class UpdateVdcOptionCommand extends CommandBase<VdcOptionParameters> {
    /** A path or URI part: no spaces, quotes or control characters that could bend a URL or a file name. */
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._/~+-]*");

    private ConfigValues option;

    public UpdateVdcOptionCommand(VdcOptionParameters parameters, CommandContext context) {
        super(parameters, context);
        audit().addCustomValue("OptionName", String.valueOf(parameters.getName()));
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.name("option", String.valueOf(parameters.getName())));
    }

    @Override protected boolean validate() {
        option = ConfigValues.byName(parameters.getName());
        if (option == null) {
            return validate(failWith(EngineMessage.ACTION_TYPE_FAILED_CONFIG_OPTION_UNKNOWN, "Name", String.valueOf(parameters.getName())));
        }
        return validate(valueFits(option, parameters.getValue()));
    }

    static ValidationResult valueFits(ConfigValues option, String value) {
        String expected;
        boolean ok;
        switch (option.getType()) {
            case INT -> {
                expected = "a whole number from " + option.getMin() + " to " + option.getMax();
                ok = value != null && value.matches("\\d{1,10}") && Long.parseLong(value) >= option.getMin()
                        && Long.parseLong(value) <= option.getMax();
            }
            case BOOLEAN -> {
                expected = "true or false";
                ok = "true".equals(value) || "false".equals(value);
            }
            case HOST -> {
                expected = "a host name or IP address (empty: none)";
                ok = value != null && (value.isEmpty() || HostAddressValidator.validAddress(value).isValid());
            }
            case PATH -> {
                expected = "a path without spaces or quotes";
                ok = value != null && value.length() <= 1024 && PATH.matcher(value).matches();
            }
            default -> {
                expected = "at most 1024 characters";
                ok = value != null && value.length() <= 1024;
            }
        }
        return ok ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_CONFIG_VALUE_INVALID, "Name", option.name(),
                "Value", option.getType() == ConfigValues.Type.SECRET ? "(hidden)" : String.valueOf(value), "Expected", expected);
    }

    @Override protected void executeCommand() {
        VdcOption existing = context.vdcOptionDao().get(option.name());
        boolean secret = option.getType() == ConfigValues.Type.SECRET;
        audit().addCustomValue("OldValue", secret ? "(hidden)" : existing == null ? "" : String.valueOf(existing.getOptionValue()))
                .addCustomValue("NewValue", secret ? "(hidden)" : parameters.getValue());
        if (existing == null) {
            context.vdcOptionDao().save(new VdcOption(option.name(), parameters.getValue()));
        } else {
            existing.setOptionValue(parameters.getValue());
            context.vdcOptionDao().update(existing);
        }
    }

    /** The engine reads options from memory (EngineConfig): the committed value replaces the remembered one. */
    @Override protected void afterCommit() {
        if (context.config() != null) {
            context.config().changed(option.name(), parameters.getValue());
        }
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_UPDATE_VDC_OPTION; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_UPDATE_VDC_OPTION_FAILED; }
    @Override protected String actionVerb() { return "change"; }
    @Override protected String entityTypeName() { return "Option"; }
}
