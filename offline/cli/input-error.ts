/** Bad input the operator can fix (flags, files, config): exit code 2 with this message, no stack trace. */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}
