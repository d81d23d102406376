# Sourced by load.sh and ab.sh (not run alone). Given $kind and $here, sets $scenario (the sipp
# scenario) and $mode (stack: the bare stack's LoadServer; reader: the same answering OPTIONS on
# the reader; app: the App), and exports a JDK 25
# as JAVA_HOME unless one is set already.
mode=stack
case $kind in
    options) scenario=$here/options.xml ;;
    options-reader) scenario=$here/options.xml; mode=reader ;;
    call) scenario=$here/call.xml ;;
    app-options) scenario=$here/options.xml; mode=app ;;
    app-call) scenario=$here/call.xml; mode=app ;;
    register) scenario=$here/register.xml; mode=app ;;
    *) echo "$(basename "$0"): kind must be options, options-reader, call, app-options, app-call or register" >&2; exit 2 ;;
esac
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then
    JAVA_HOME=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)
fi
export JAVA_HOME

# users_for DIR: for register, writes the 1000 users AppLoadServer knows to DIR/users.csv (the
# whole keyword sits in field 1) and sets the array inf to sipp's options for it; else empties inf
users_for() {
    inf=()
    if [ "$kind" = register ]; then
        { echo SEQUENTIAL; for i in $(seq 0 999); do echo "user$i;[authentication username=user$i password=pw-user$i]"; done; } > "$1/users.csv"
        inf=(-inf "$1/users.csv")
    fi
}
