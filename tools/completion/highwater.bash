# bash completion for highwater. The words come from the binary itself
# (`highwater complete ...`, read from its command table), so this file never
# needs to change when a command or an option does.
_highwater()
{
    local cur=${COMP_WORDS[COMP_CWORD]} hw=${COMP_WORDS[0]} cmd=${COMP_WORDS[1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$("$hw" complete commands 2>/dev/null) --help --version" -- "$cur"))
        return
    fi
    case $cur in
    -*)
        COMPREPLY=($(compgen -W "$("$hw" complete options "$cmd" 2>/dev/null)" -- "$cur"))
        return ;;
    esac
    case ${COMP_WORDS[COMP_CWORD-1]} in
    --out|--golden|--save-yaml)
        COMPREPLY=($(compgen -f -- "$cur"))
        return ;;
    esac
    if [ "$cmd" = help ]; then
        COMPREPLY=($(compgen -W "$("$hw" complete commands 2>/dev/null)" -- "$cur"))
    elif "$hw" complete takes-lessons "$cmd" 2>/dev/null; then
        COMPREPLY=($(compgen -W "$("$hw" complete lessons 2>/dev/null)" -- "$cur") $(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -F _highwater highwater
