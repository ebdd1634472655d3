{{%AUTOESCAPE context="HTML"}}<div class="field{{#INVALID}} invalid{{/INVALID}}">
  <label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="required">[[field.required_mark]]</span>{{/REQUIRED}}</label>
  {{#HINT}}<p class="hint" id="{{ID}}-hint">{{HINT_TEXT}}</p>{{/HINT}}
  <select id="{{ID}}" name="{{NAME}}"{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{#HINT}}{{ID}}-hint {{/HINT}}{{#ERROR}}{{ID}}-error{{/ERROR}}"{{/DESCRIBED}}>
    <option value="">[[field.choose]]</option>
    {{#OPTION}}<option value="{{OPTION_VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{OPTION_LABEL}}</option>
    {{/OPTION}}
  </select>
  {{#ERROR}}<p class="error" id="{{ID}}-error">{{ERROR_TEXT}}</p>{{/ERROR}}
</div>
